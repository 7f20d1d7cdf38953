/** A fingerprint as people compare it aloud: eight groups of five digits, in two rows of four. */
export function Fingerprint({ value, testId }: { value: string; testId: string }) {
  const groups = value.split(' ');
  return (
    <p className="fingerprint" data-testid={testId}>
      <span>{groups.slice(0, 4).join(' ')}</span> <span>{groups.slice(4).join(' ')}</span>
    </p>
  );
}
