import { useState } from 'react';

type Countries = Readonly<{ country: string | undefined; allowedCountries: readonly string[] | undefined }>;

/** "us, ca gb" → ["US", "CA", "GB"]: how the field is typed, not a rule (the engine validates the codes). */
function splitCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c !== '');
}

/**
 * The clinic's country and the countries whose numbers may be texted or called. Numbers of any other
 * country are not contacted ("country not allowed"); quiet hours follow the recipient's zone.
 */
export function CountriesFields({ value, onChange }: Readonly<{ value: Countries; onChange: (next: Countries) => void }>) {
  const [allowedText, setAllowedText] = useState((value.allowedCountries ?? []).join(', '));
  const [shown, setShown] = useState(value.allowedCountries);
  // A discard or a save replaces the list from outside: show it.
  if (shown !== value.allowedCountries) {
    setShown(value.allowedCountries);
    if (splitCodes(allowedText).join() !== (value.allowedCountries ?? []).join()) setAllowedText((value.allowedCountries ?? []).join(', '));
  }
  return (
    <>
      <div className="grid-fields">
        <label className="field">
          <span>Clinic country</span>
          <input
            value={value.country ?? ''}
            maxLength={2}
            placeholder="e.g. US"
            aria-describedby="countries-hint"
            onChange={(e) => onChange({ ...value, country: e.target.value.trim().toUpperCase() })}
          />
        </label>
        <label className="field">
          <span>Text and call numbers from</span>
          <input
            value={allowedText}
            placeholder="e.g. US, CA"
            aria-describedby="countries-hint"
            onChange={(e) => {
              setAllowedText(e.target.value);
              onChange({ ...value, allowedCountries: splitCodes(e.target.value) });
            }}
          />
        </label>
      </div>
      <p className="muted" id="countries-hint">
        Country codes, separated by commas. Numbers written without a country code are read as the clinic country&apos;s; numbers of
        countries not listed are not texted or called. Quiet hours follow the patient&apos;s own time zone.
      </p>
    </>
  );
}
