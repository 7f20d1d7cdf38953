/** The zones the runtime knows, offered under every zone input. */
export function ZoneOptions({ id, zones }: { id: string; zones: readonly string[] }) {
  return (
    <datalist id={id}>
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
