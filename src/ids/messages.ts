import { text } from '../core/messages.js';
import type { PersonIdReason } from './types.js';

export type Language = 'da' | 'sv' | 'en';

export type LocalisedMessage = Record<Language, string>;

// Messages (locales/*.json, `ids.person_id.*`) are fixed text with no digits, so they can never echo any part of a raw id.
const MESSAGES: Record<PersonIdReason, LocalisedMessage> = {
  empty: text('ids.person_id.empty'),
  bad_format: text('ids.person_id.bad_format'),
  bad_date: text('ids.person_id.bad_date'),
  bad_checksum: text('ids.person_id.bad_checksum'),
};

/** Human message for a rejection code, in Danish, Swedish and English; never contains the raw id. */
export function personIdMessage(reason: PersonIdReason): LocalisedMessage {
  return MESSAGES[reason];
}
