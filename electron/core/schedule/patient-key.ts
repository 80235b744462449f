/** Case, Unicode form and spacing do not make a different person: "Ana  DIAZ" is "ana diaz". */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The stable identity of a patient. The clinic's own patient id wins when the file has one; otherwise name plus
 * phone (or email when there is no phone), so a family sharing one phone are different patients who share one
 * recipient number. Prefixes keep the three namespaces from colliding.
 */
export function buildPatientKey(input: {
  patientId: string | undefined;
  name: string;
  phone: string | null;
  email: string | null;
}): string {
  if (input.patientId) return `id:${input.patientId}`;
  const name = normalizeName(input.name);
  if (input.phone) return `phone:${input.phone}|${name}`;
  return `email:${(input.email ?? '').toLowerCase()}|${name}`;
}
