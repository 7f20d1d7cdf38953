import { CLIENT_STATUSES, type Client } from './client-schema';
import { optionField } from './client-fields';
import { FieldErrors, tidyLine, type ValidationResult } from './validation';

export interface AssignmentInput {
  status?: string;
  assignedStaffIds?: string[];
}

export const ASSIGNED_STAFF_MAX = 50;
const STAFF_ID = /^[0-9a-f-]{36}$/;

/**
 * Status and assigned staff. `keepAssigned` (the staff id of a person who may write only their own clients)
 * must stay in the list: without it the server would refuse the change and the person would lose the client.
 */
export function validateAssignment(
  input: AssignmentInput,
  options: { keepAssigned?: string } = {},
): ValidationResult<Pick<Client, 'status' | 'assignedStaffIds'>> {
  const errors = new FieldErrors();
  const status = optionField(errors, 'status', input.status, CLIENT_STATUSES);
  if (status === undefined && tidyLine(input.status).length === 0) errors.add('status', 'required');
  const ids = [...new Set((input.assignedStaffIds ?? []).map((id) => id.trim().toLowerCase()))];
  ids.forEach((id, index) => {
    if (!STAFF_ID.test(id)) errors.add(`assignedStaffIds.${index}`, 'invalid-format');
  });
  if (ids.length > ASSIGNED_STAFF_MAX)
    errors.add('assignedStaffIds', 'too-many', { max: ASSIGNED_STAFF_MAX });
  if (options.keepAssigned !== undefined && !ids.includes(options.keepAssigned)) {
    errors.add('assignedStaffIds', 'must-keep-self');
  }
  return errors.result({ status: status ?? 'prospect', assignedStaffIds: ids });
}
