/** A BCP 47 tag as the language's name in the UI's language ("Japanese", "日本語"); the tag itself if unknown. */
export function languageName(tag: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
