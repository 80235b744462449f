import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createLocaleFormats, resolveLocale, type LocaleFormats } from '../../../shared/util/locale-format';

const DEFAULT_COUNTRY = 'US';
const LocaleFormatsContext = createContext<LocaleFormats>(createLocaleFormats('en-US', DEFAULT_COUNTRY));

/**
 * The desk's formats (docs/desk-ui.md#locale): `languages` is navigator.languages, which Electron fills from
 * the OS locale and a browser from its own settings; `country` is the clinic's (phone numbers, and the region
 * of a bare language such as "en").
 */
export function LocaleFormatsProvider({
  languages,
  country,
  children,
}: Readonly<{ languages: readonly string[]; country: string | undefined; children: ReactNode }>) {
  const clinicCountry = country ?? DEFAULT_COUNTRY;
  const locale = resolveLocale(languages, clinicCountry);
  const formats = useMemo(() => createLocaleFormats(locale, clinicCountry), [locale, clinicCountry]);
  return <LocaleFormatsContext.Provider value={formats}>{children}</LocaleFormatsContext.Provider>;
}

/** Times, days, counts and phone numbers in the desk's locale. */
export function useFormats(): LocaleFormats {
  return useContext(LocaleFormatsContext);
}
