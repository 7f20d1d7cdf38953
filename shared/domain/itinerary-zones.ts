/**
 * Time zones picked by city: "Tokyo (Asia/Tokyo)", "東京 (Asia/Tokyo)". The zones are the IANA names the runtime
 * knows (Intl); a city is the zone's last part ("America/New_York" → "New York"), in Japanese from a small table of
 * the cities clients come from most (Intl names no cities). What is typed resolves to an IANA name: a label from the
 * list, the IANA name itself, or a city name in either language; anything else stays unresolved (and is refused).
 */
const CITIES_JA: Readonly<Record<string, string>> = {
  'Asia/Tokyo': '東京',
  'Europe/London': 'ロンドン',
  'Europe/Paris': 'パリ',
  'Europe/Berlin': 'ベルリン',
  'Europe/Zurich': 'チューリッヒ',
  'Europe/Moscow': 'モスクワ',
  'America/New_York': 'ニューヨーク',
  'America/Los_Angeles': 'ロサンゼルス',
  'America/Chicago': 'シカゴ',
  'America/Toronto': 'トロント',
  'America/Vancouver': 'バンクーバー',
  'America/Sao_Paulo': 'サンパウロ',
  'Asia/Shanghai': '上海',
  'Asia/Hong_Kong': '香港',
  'Asia/Taipei': '台北',
  'Asia/Seoul': 'ソウル',
  'Asia/Singapore': 'シンガポール',
  'Asia/Bangkok': 'バンコク',
  'Asia/Jakarta': 'ジャカルタ',
  'Asia/Manila': 'マニラ',
  'Asia/Kolkata': 'コルカタ',
  'Asia/Dubai': 'ドバイ',
  'Asia/Riyadh': 'リヤド',
  'Australia/Sydney': 'シドニー',
  'Australia/Melbourne': 'メルボルン',
  'Pacific/Auckland': 'オークランド',
  'Pacific/Honolulu': 'ホノルル',
  UTC: '協定世界時',
};

export interface ZoneChoice {
  zone: string;
  city: string;
  /** "Tokyo (Asia/Tokyo)": what the picker lists and the field shows. */
  label: string;
}

/** The zones the runtime knows, UTC first. */
export function runtimeTimeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
}

export function zoneCity(zone: string, language: string): string {
  if (language.startsWith('ja') && CITIES_JA[zone] !== undefined) return CITIES_JA[zone];
  return (zone.split('/').pop() ?? zone).replaceAll('_', ' ');
}

export function zoneLabel(zone: string, language: string): string {
  return `${zoneCity(zone, language)} (${zone})`;
}

/** Every zone as a city, sorted by city name in `language`. */
export function zoneChoices(zones: readonly string[], language: string): ZoneChoice[] {
  const collator = new Intl.Collator(language);
  return zones
    .map((zone) => ({ zone, city: zoneCity(zone, language), label: zoneLabel(zone, language) }))
    .sort((a, b) => collator.compare(a.city, b.city) || collator.compare(a.zone, b.zone));
}

/** The IANA zone a typed or picked text names, or undefined (unknown, or a city name two zones share). */
export function zoneFromInput(text: string, zones: readonly string[]): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const inParentheses = /\(([^()]+)\)\s*$/.exec(trimmed)?.[1]?.trim();
  const lower = (inParentheses ?? trimmed).toLowerCase();
  const exact = zones.find((zone) => zone.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  if (inParentheses !== undefined) return undefined;
  const byCity = zones.filter(
    (zone) => zoneCity(zone, 'en').toLowerCase() === lower || CITIES_JA[zone] === trimmed,
  );
  return byCity.length === 1 ? byCity[0] : undefined;
}
