// Mainland China mobile numbers: what a person types (`138 0013 8000`, `+86 138-0013-8000`,
// `86 13800138000`, `(+86)13800138000`) becomes the 11 digits Linli stores (User.phone,
// Invitation.phone, PhoneCode.phone, SmsSend.phone). Pure: the client imports this too.

/** 11 digits, starting 1 and a second digit 3–9 (every mainland mobile range). */
export const MOBILE = /^1[3-9]\d{9}$/;

/** The 11-digit number, or null when `input` is not a mainland mobile number. */
export function normalizePhone(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const trimmed = input.trim();
  // Only digits and the usual separators; a letter or anything else is not a phone number.
  if (!trimmed || !/^[+\d\s\-().]+$/.test(trimmed)) return null;
  if (trimmed.includes('+') && !/^\(?\+/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  // With a leading +, the country code must be there, and be China's.
  if (trimmed.includes('+') && !(digits.length === 13 && digits.startsWith('86'))) return null;
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  else if (digits.length === 15 && digits.startsWith('0086')) digits = digits.slice(4);
  return MOBILE.test(digits) ? digits : null;
}

export const isMobilePhone = (input: string | null | undefined) => normalizePhone(input) !== null;

/** 138****8000: logs and screens that must not show the whole number. */
export function maskPhone(phone: string): string {
  const d = normalizePhone(phone) ?? phone;
  return d.length === 11 ? `${d.slice(0, 3)}****${d.slice(7)}` : '***';
}
