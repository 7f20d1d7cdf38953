import {
  ADDRESS_MAX_LENGTH,
  CLIENT_NAME_MAX_LENGTH,
  EMERGENCY_CONTACTS_MAX,
  RELATIONSHIP_MAX_LENGTH,
  type ClientContact,
  type EmergencyContact,
} from './client-schema';
import { emailField, phoneField } from './client-fields';
import { compact, FieldErrors, textField, tidyLine, type ValidationResult } from './validation';

export interface ContactInput {
  email?: string;
  phone?: string;
  address?: string;
}

/**
 * E-mail, phone and address; undefined when all are empty. A phone number without a country code is read in
 * `defaultCountry` (the client's nationality, say) when given, and refused with `phone-needs-country-code`
 * otherwise.
 */
export function validateContact(
  input: ContactInput,
  options: { defaultCountry?: string } = {},
): ValidationResult<ClientContact | undefined> {
  const errors = new FieldErrors();
  const value = compact({
    email: emailField(errors, 'contact.email', input.email),
    phone: phoneField(errors, 'contact.phone', input.phone, false, options.defaultCountry),
    address: textField(errors, 'contact.address', input.address, {
      max: ADDRESS_MAX_LENGTH,
      multiline: true,
    }),
  });
  return errors.result(value);
}

export interface EmergencyContactInput {
  name?: string;
  relationship?: string;
  phone?: string;
  email?: string;
}

/** The list of emergency contacts; rows left entirely empty (a form's spare row) are dropped. */
export function validateEmergencyContacts(
  input: EmergencyContactInput[],
  options: { defaultCountry?: string } = {},
): ValidationResult<EmergencyContact[]> {
  const errors = new FieldErrors();
  const contacts: EmergencyContact[] = [];
  input.forEach((row, index) => {
    const filled = [row.name, row.relationship, row.phone, row.email].some((v) => tidyLine(v).length > 0);
    if (!filled) return;
    const at = `emergencyContacts.${index}`;
    const contact = {
      name: textField(errors, `${at}.name`, row.name, { max: CLIENT_NAME_MAX_LENGTH, required: true }),
      relationship: textField(errors, `${at}.relationship`, row.relationship, {
        max: RELATIONSHIP_MAX_LENGTH,
        required: true,
      }),
      phone: phoneField(errors, `${at}.phone`, row.phone, true, options.defaultCountry),
      email: emailField(errors, `${at}.email`, row.email),
    };
    if (contact.name !== undefined && contact.relationship !== undefined && contact.phone !== undefined) {
      contacts.push(compact(contact) as EmergencyContact);
    }
  });
  const rows = input.filter((row) =>
    [row.name, row.relationship, row.phone, row.email].some((v) => tidyLine(v).length > 0),
  ).length;
  if (rows > EMERGENCY_CONTACTS_MAX)
    errors.add('emergencyContacts', 'too-many', { max: EMERGENCY_CONTACTS_MAX });
  return errors.result(contacts);
}
