// The rules of a weekly report, as the API checks them (AvailabilityReportRules in the domain library), so the form
// can say everything that is wrong in one round before anything is sent. The API stays the authority: what it refuses
// comes back in the same shape ({ field, code, ...parameters }) and lands on the same fields.

const METHODS = ['actueel', 'retrospectief'];
const NUMBER_FIELDS = ['waitToIntakeWeeks', 'waitToTreatmentWeeks', 'freePlaces', 'totalPlaces', 'waitlistCount', 'realisedWaitToIntakeWeeks', 'realisedWaitToTreatmentWeeks'];

/** Why free text is refused, as TextRules says: a control character, a direction override or a broken surrogate. */
function textProblem(text) {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      return 'surrogate';
    }
    if (c >= 0xdc00 && c <= 0xdfff) return 'surrogate';
    if (c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return 'control';
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return 'direction';
  }
  return null;
}

/**
 * Every refusal the API would give this report (one item of a batch, field names of the wire contract);
 * `limits` is the "report" part of GET /api/v1/limits.
 */
export function reportProblems(report, limits) {
  if (report.unchanged === true) {
    const given = Object.keys(report).filter((name) => name !== 'unchanged' && name !== 'offeringId' && report[name] != null);
    return given.length ? [{ field: 'unchanged', code: 'alone', fields: given }] : [];
  }
  const problems = [];
  if (report.acceptingReferrals == null) problems.push({ field: 'acceptingReferrals', code: 'required' });
  for (const name of NUMBER_FIELDS) {
    const value = report[name];
    const range = limits[name];
    if (value != null && range && (!Number.isInteger(value) || value < range.min || value > range.max)) {
      problems.push({ field: name, code: 'range', min: range.min, max: range.max });
    }
  }
  const refused = new Set(problems.map((p) => p.field));
  if (report.freePlaces != null && report.totalPlaces != null && report.freePlaces > report.totalPlaces
    && !refused.has('freePlaces') && !refused.has('totalPlaces')) {
    problems.push({ field: 'freePlaces', code: 'more-than', other: 'totalPlaces', max: report.totalPlaces });
  }
  if (report.method != null && !METHODS.includes(report.method)) problems.push({ field: 'method', code: 'one-of', allowed: METHODS });
  if (report.note != null) {
    if (report.note.length > limits.noteLength) problems.push({ field: 'note', code: 'too-long', max: limits.noteLength, length: report.note.length });
    else {
      const reason = textProblem(report.note);
      if (reason) problems.push({ field: 'note', code: 'text', reason });
    }
  }
  return problems;
}
