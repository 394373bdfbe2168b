import type { PersonIdReason } from './types.js';

export type Language = 'da' | 'sv' | 'en';

export type LocalisedMessage = Record<Language, string>;

// Messages are fixed text with no digits, so they can never echo any part of a raw id.
const MESSAGES: Record<PersonIdReason, LocalisedMessage> = {
  empty: {
    da: 'Personnummeret er tomt. Udfyld feltet eller fjern rækken.',
    sv: 'Personnumret är tomt. Fyll i fältet eller ta bort raden.',
    en: 'The person id is empty. Fill in the field or remove the row.',
  },
  bad_format: {
    da: 'Personnummeret har ikke et gyldigt format. Forventet DDMMÅÅ-SSSS eller DDMMÅÅSSSS (CPR) eller ÅÅÅÅMMDD-NNNK / ÅÅMMDD-NNNK (svensk personnummer).',
    sv: 'Personnumret har inte ett giltigt format. Förväntat ÅÅÅÅMMDD-NNNK eller ÅÅMMDD-NNNK / ÅÅMMDD+NNNK (personnummer) eller DDMMÅÅ-SSSS (danskt CPR).',
    en: 'The person id is not in a valid format. Expected DDMMYY-SSSS or DDMMYYSSSS (Danish CPR) or YYYYMMDD-NNNC / YYMMDD-NNNC / YYMMDD+NNNC (Swedish personnummer).',
  },
  bad_date: {
    da: 'Personnummeret indeholder en fødselsdato, der ikke findes. Kontrollér nummeret i kildesystemet.',
    sv: 'Personnumret innehåller ett födelsedatum som inte finns. Kontrollera numret i källsystemet.',
    en: 'The person id contains a birth date that does not exist. Check the number in the source system.',
  },
  bad_checksum: {
    da: 'Personnummerets kontrolciffer passer ikke. Kontrollér nummeret i kildesystemet.',
    sv: 'Personnumrets kontrollsiffra stämmer inte. Kontrollera numret i källsystemet.',
    en: 'The check digit of the person id does not match. Check the number in the source system.',
  },
};

/** Human message for a rejection code, in Danish, Swedish and English; never contains the raw id. */
export function personIdMessage(reason: PersonIdReason): LocalisedMessage {
  return MESSAGES[reason];
}
