import type { ImportField } from '../../../../shared/domain/sources';

/**
 * "Appt #", "APPT_NUM" and "appt num" are one name: lower case, "#" read as "num", everything but letters
 * and digits dropped. Practice systems differ in case, spacing and punctuation far more than in words.
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/#/g, 'num')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Header names practice-management exports use (Open Dental, Dentrix, eClinicalWorks, athenaOne and the
 * like), by field. Written as people write them; compared through headerKey. A name listed under two fields
 * would be a bug (a test checks there is none).
 */
const SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
  external_id: [
    'external_id',
    'Appt ID',
    'Appointment ID',
    'AptNum',
    'Appt #',
    'Appt No',
    'Appt Number',
    'Appointment #',
    'Appointment Number',
    'Appointment No',
    'Apt ID',
    'Apt #',
    'Visit ID',
    'Visit #',
    'Visit Number',
    'Encounter ID',
    'Encounter #',
    'Encounter Number',
    'Appointment Key',
    'Appt Key',
  ],
  patient_id: [
    'patient_id',
    'Patient #',
    'Patient Number',
    'Patient No',
    'PatNum',
    'Pat ID',
    'Chart #',
    'Chart Number',
    'Chart No',
    'Chart',
    'MRN',
    'Medical Record Number',
    'Account #',
    'Account Number',
    'Acct #',
    'Person ID',
  ],
  patient_name: ['patient_name', 'Patient', 'Name', 'Full Name', 'Patient Full Name', 'Pat Name'],
  first_name: ['first_name', 'First', 'First Name', 'FName', 'Given Name', 'Patient First', 'Patient First Name', 'Pat First Name'],
  last_name: ['last_name', 'Last', 'Last Name', 'LName', 'Surname', 'Family Name', 'Patient Last', 'Patient Last Name', 'Pat Last Name'],
  starts_at: [
    'starts_at',
    'Start',
    'Starts',
    'Date Time',
    'Date/Time',
    'Appt Date Time',
    'Appt Date/Time',
    'Appointment Date Time',
    'Appointment Date/Time',
    'AptDateTime',
    'Apt Date Time',
    'Start Date Time',
    'Start Date/Time',
    'Appointment Start',
    'Appt Start',
    'Scheduled Date Time',
    'Scheduled Date/Time',
    'Visit Date Time',
    'Visit Date/Time',
  ],
  date: [
    'Date',
    'Appt Date',
    'Appointment Date',
    'Apt Date',
    'Visit Date',
    'Service Date',
    'Date of Service',
    'DOS',
    'Scheduled Date',
    'Start Date',
  ],
  time: [
    'Time',
    'Appt Time',
    'Appointment Time',
    'Apt Time',
    'Visit Time',
    'Start Time',
    'Scheduled Time',
    'Appt Start Time',
    'Appointment Start Time',
  ],
  end_time: [
    'End',
    'End Time',
    'Appt End',
    'Appt End Time',
    'Appointment End',
    'Appointment End Time',
    'Ends',
    'Stop Time',
    'End Date Time',
  ],
  duration_min: [
    'duration_min',
    'Duration',
    'Duration (min)',
    'Duration Minutes',
    'Length',
    'Length (min)',
    'Appt Length',
    'Appointment Length',
    'Apt Length',
    'Minutes',
    'Mins',
    'Length Minutes',
  ],
  phone: ['phone', 'Phone Number', 'Telephone', 'Tel', 'Patient Phone', 'Contact Phone', 'Primary Phone', 'Phone #'],
  cell_phone: [
    'Cell',
    'Cell Phone',
    'Cell #',
    'Cell Number',
    'Cell Phone Number',
    'Mobile',
    'Mobile Phone',
    'Mobile #',
    'Mobile Number',
    'Wireless',
    'Wireless Phone',
    'WirelessPhone',
    'Patient Cell',
    'Patient Cell Phone',
    'Patient Mobile',
    'Text Number',
    'SMS Number',
  ],
  home_phone: ['Home', 'Home Phone', 'HmPhone', 'Home #', 'Home Number', 'Home Phone Number', 'Patient Home Phone', 'Residence Phone'],
  work_phone: ['Work', 'Work Phone', 'WkPhone', 'Work #', 'Work Number', 'Business Phone', 'Office Phone', 'Patient Work Phone'],
  email: ['email', 'E-mail', 'Email Address', 'E-mail Address', 'Patient Email', 'Patient E-mail'],
  provider: [
    'provider',
    'Provider Name',
    'Prov',
    'ProvAbbr',
    'Doctor',
    'Doctor Name',
    'Dr',
    'Physician',
    'Dentist',
    'Clinician',
    'Resource',
    'Resource Name',
    'Rendering Provider',
    'Appt Provider',
    'Appointment Provider',
    'Practitioner',
  ],
  status: ['status', 'Appt Status', 'Appointment Status', 'AptStatus', 'Apt Status', 'Visit Status', 'Appt Stat'],
  language: ['language', 'Preferred Language', 'Lang', 'Patient Language', 'Primary Language'],
  timezone: ['timezone', 'Time Zone', 'TZ', 'Patient Time Zone', 'Patient Timezone'],
  sms_consent: [
    'sms_consent',
    'SMS OK',
    'OK to Text',
    'Text OK',
    'Allow Text',
    'Allow SMS',
    'SMS Opt In',
    'Text Opt In',
    'Text Consent',
    'Consent to Text',
  ],
  voice_consent: [
    'voice_consent',
    'OK to Call',
    'Call OK',
    'Allow Calls',
    'Call Consent',
    'Phone Consent',
    'Voice Opt In',
    'Consent to Call',
  ],
  email_consent: ['email_consent', 'OK to Email', 'Email OK', 'Allow Email', 'Email Opt In', 'Email Consent', 'Consent to Email'],
};

const BY_KEY: ReadonlyMap<string, ImportField> = (() => {
  const map = new Map<string, ImportField>();
  for (const [field, names] of Object.entries(SYNONYMS) as [ImportField, readonly string[]][]) {
    for (const name of names) {
      const key = headerKey(name);
      const other = map.get(key);
      if (other && other !== field) throw new Error(`header name "${name}" is listed for ${other} and ${field}`);
      map.set(key, field);
    }
  }
  return map;
})();

/** The field a header name means, or undefined for a column Frontdesk does not read. */
export function fieldForHeader(header: string): ImportField | undefined {
  return BY_KEY.get(headerKey(header));
}

/** Every known header key with its field (for tests and docs). */
export function knownHeaderKeys(): ReadonlyMap<string, ImportField> {
  return BY_KEY;
}
