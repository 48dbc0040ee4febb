import type { FieldId } from '../../domain/matrix/fields';
import type { Concept } from './lexicon';

type Has = (concept: Concept) => boolean;

/** Concepts that name a catalogue item no matrix row governs, before any detail their words also name. */
const ITEM_ONLY: readonly Concept[] = ['UPN', 'ASSISTANT', 'CALLBACK', 'ISDN', 'TELEX', 'MAINLINE', 'CRM'];

/** Which matrix row a message is about, from the concepts its words carry (docs/glossary.md ids). */
export function fieldFrom(has: Has): FieldId | undefined {
  // Catalogue items of their own, whatever else their names say ("die Nummer meiner Vertretung", "CRM link").
  if (ITEM_ONLY.some((concept) => has(concept))) return undefined;
  // "my car phone number … in the company car": the car phone (F.13.3.2), not the company's name.
  if ((has('CAR') || has('RADIO')) && (has('PHONE') || has('NUMBER') || has('MOBILE'))) return undefined;
  const line2 = (has('TWO') || has('SECOND')) && (has('LINE') || has('PICKUP') || has('FORWARD') || has('OUTGOING') || has('INCOMING') || has('CALLS') || has('CALLED'));
  if (has('PICKUP')) return line2 ? 'line2Pickup' : 'line1Pickup';
  // "mein privater Anschluss": the home phone, not one of the two lines.
  if (has('PRIVATE') && has('LINE') && !line2 && !has('FORWARD') && !has('CALLS')) return 'privatePhone';
  if (has('FORWARD')) {
    // "I forward my calls to my cell – who can see that?": seeing the forwarding, not setting it.
    if (has('SET') && !has('SEE')) return line2 ? 'line2SetForwarding' : 'line1SetForwarding';
    return line2 ? 'line2Forwarding' : 'line1Forwarding';
  }
  // "wen ich angerufen habe" / "who I called": calls made; "wer mich angerufen hat" / "who called me": received.
  if (has('CALLED') && !has('OUTGOING') && !has('INCOMING')) {
    if (has('ME')) return line2 ? 'line2IncomingNumbers' : 'line1IncomingNumbers';
    if (has('I')) return line2 ? 'line2OutgoingNumbers' : 'line1OutgoingNumbers';
  }
  if (has('OUTGOING')) return line2 ? 'line2OutgoingNumbers' : 'line1OutgoingNumbers';
  if (has('INCOMING')) return line2 ? 'line2IncomingNumbers' : 'line1IncomingNumbers';
  // "the numbers on my line 2": a line's numbers without a direction are the incoming ones.
  if (has('LINE') && (has('NUMBER') || has('CALLS')) && !has('MOBILE') && !has('PRIVATE') && !has('OTHER')) {
    return line2 ? 'line2IncomingNumbers' : 'line1IncomingNumbers';
  }
  if (has('PRESENCE') || has('STATUS')) return has('SET') ? 'setPresence' : 'presence';
  if (has('CHAT')) return 'chat';
  if (has('APPOINTMENT')) return has('PRIVATE') || has('L_PERSONAL') ? 'privateAppointments' : 'publicAppointments';
  // "my other number, not the work or mobile one": the other phone, whatever else it names.
  if (has('OTHER') && (has('NUMBER') || has('PHONE')) && !has('PRIVATE') && !has('LINE') && !has('FAX')) return 'otherPhone';
  // A car or radio mobile number is a catalogue item of its own (F.13.3.2, F.13.3.3), no matrix row.
  if (has('MOBILE') && !has('CAR') && !has('RADIO') && !has('PAGER')) return 'mobile';
  if (has('EMAIL')) return 'email';
  // "my room number" is the office; "my second number" another phone.
  if (has('OFFICE') && has('NUMBER') && !has('PHONE')) return 'office';
  if (has('NUMBER') && has('SECOND') && !has('LINE')) return 'otherPhone';
  if ((has('PHONE') || has('NUMBER')) && !has('CAR') && !has('RADIO') && !has('FAX') && !has('PAGER') && !has('CUSTOMER')) {
    if (has('PRIVATE')) return 'privatePhone';
    if (has('OTHER')) return 'otherPhone';
    return 'businessPhone';
  }
  if (has('JOB') || has('TITLE')) return 'jobTitle';
  if (has('COMPANY')) return 'company';
  // A private or other address (F.10, F.11) is no matrix row on either side.
  if (has('ADDRESS') && !has('SIP')) return has('PRIVATE') || has('OTHER') ? undefined : 'businessAddress';
  if (has('OFFICE')) return 'office';
  if (has('WEBSITE')) return 'website';
  if (has('NOTE')) return 'note';
  // "Vor- und Nachname": the whole name shown; "my department name" is the department.
  if (has('FIRSTNAME') && has('LASTNAME')) return 'displayName';
  if ((has('DISPLAYNAME') || has('DISPLAY') || has('NAME')) && !has('DEPARTMENT')) return 'displayName';
  return undefined;
}

/**
 * A catalogue item (seed 4.1.2) that neither matrix table lists, so that the answer can say it is
 * not governed by levels instead of asking which detail was meant.
 */
export function itemFrom(has: Has): string | undefined {
  if (has('UPN')) return 'F.0';
  if (has('MAINLINE')) return 'F.13.7';
  if (has('ASSISTANT')) return 'F.13.8';
  if (has('CALLBACK')) return 'F.13.10';
  if (has('ISDN')) return 'F.13.11';
  if (has('TELEX')) return 'F.13.12';
  if (has('CRM')) return 'F.18';
  if (has('FAX') && (has('OTHER') || has('SECOND'))) return 'F.13.14';
  if (has('ADDRESS') && (has('PRIVATE') || has('OTHER'))) return has('OTHER') ? 'F.11.1' : 'F.10.1';
  if (has('PHOTO')) return 'F.14';
  if (has('CAR')) return 'F.13.3.2';
  if (has('RADIO')) return 'F.13.3.3';
  if (has('COMMENT')) return 'F.19';
  if (has('FIRSTNAME')) return 'F.1.1';
  if (has('LASTNAME')) return 'F.1.2';
  if (has('DEPARTMENT')) return 'F.5';
  if (has('FAX')) return 'F.13.13';
  if (has('PAGER')) return 'F.13.3.4';
  if (has('SIP')) return 'F.16';
  // "my customer number", "Kundennummer" — not "a customer wants …".
  if (has('CUSTOMER') && has('NUMBER')) return 'F.17';
  return undefined;
}
