/** A one-time code, large and spaced for reading aloud; shown once and then hidden for good. */
export function OneTimeCode({ code, testId }: { code: string; testId: string }) {
  return (
    <p className="one-time-code" data-testid={testId}>
      {code}
    </p>
  );
}
