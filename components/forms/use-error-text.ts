'use client';
import { useCallback } from 'react';
import { useTranslations } from 'next-intl';
import { serverErrorInfo, type ServerErrorInfo } from './server-error';

// The server speaks English (messages are part of its API for tests and logs). The UI shows
// them in the user's language: known messages by pattern, with their parameters; anything
// unknown is shown as the server wrote it rather than hidden.
type Rule = [RegExp, string, ...string[]];
const RULES: Rule[] = [
  [/^Wrong e-mail or password$/, 'wrongCredentials'],
  [/^Too many failed sign-in attempts\. Try again in (\d+) minutes\.$/, 'tooManyAttempts', 'minutes'],
  [/^Too many failed attempts\. Try again in (\d+) minutes\.$/, 'tooManyAttempts', 'minutes'],
  [/^The current password is wrong$/, 'currentPasswordWrong'],
  [/^This link is invalid, used or expired$/, 'linkInvalid'],
  [/^Invalid link$/, 'linkInvalid'],
  [/^Sign in with the invited e-mail address to accept this invitation$/, 'invitationSignIn'],
  [/^This invitation is for another e-mail address/, 'invitationOtherAccount'],
  [/^Your access to this company was disabled/, 'membershipDisabled'],
  [/^You are already a member of this company$/, 'alreadyMember'],
  [/^This company requires another person to approve what you requested$/, 'secondApproverRequired'],
  [/^Enter your e-mail and password$/, 'enterCredentials'],
  [/^Sign in first$/, 'signInFirst'],
  [/^Your role does not allow this$/, 'forbidden'],
  [/^Company not found$/, 'companyNotFound'],
  [/^(Building|Community|Invitation|Member|Resident|Unit) not found$/, 'notFound', 'what'],
  [/^A community named "(.*)" already exists$/, 'communityExists', 'name'],
  [/^Building "(.*)" already exists in this community$/, 'buildingExists', 'name'],
  [/^Unit (.*) already exists in this building$/, 'unitExists', 'label'],
  [/^Another unit in this building already has that number$/, 'unitNumberTaken'],
  [/^The URL name "(.*)" is already taken$/, 'slugTaken', 'slug'],
  [/^That URL name or e-mail was just taken; try another$/, 'slugOrEmailTaken'],
  [/^This e-mail already has a Linli account/, 'emailHasAccount'],
  [/^This invitation has already been used$/, 'invitationUsed'],
  [/^This invitation was withdrawn$/, 'invitationRevoked'],
  [/^This invitation has expired/, 'invitationExpired'],
  [/^This resident already has a sign-in$/, 'residentHasSignIn'],
  [/^This resident record is already linked to a sign-in$/, 'residentLinked'],
  [/^A company needs at least one active admin$/, 'lastAdmin'],
  [/^The (building|community|unit) is archived$/, 'parentArchived', 'what'],
  [/^Archive its (\d+) active building\(s\) first$/, 'archiveBuildingsFirst', 'count'],
  [/^Archive its (\d+) active unit\(s\) first$/, 'archiveUnitsFirst', 'count'],
  [/^You already have a Linli account: enter its password to accept$/, 'accountPasswordNeeded'],
  [/^(Community name|Building name|Unit number|Name|E-mail|Password|Floor|Floor area) is required$/, 'required', 'what'],
  [/^Choose a building$/, 'chooseBuilding'],
  [/^(Community name|Building name|Unit number|Name|Password|URL name|Company name) must be at most (\d+) characters$/, 'tooLongNamed', 'what', 'max'],
  [/^(Password|URL name|Company name) must be at least (\d+) characters$/, 'tooShortNamed', 'what', 'min'],
  [/^Too big: expected string to have <=(\d+) characters$/, 'tooLong', 'max'],
  [/^Too small: expected string to have >=1 characters$/, 'requiredPlain'],
  [/^Invalid (input|option)/, 'invalidInput'],
  [/^Floor area must be a number of m² with at most 2 decimals$/, 'areaFormat'],
  [/^Floor area must be greater than 0$/, 'areaPositive'],
  [/^Floor must be a whole number$/, 'floorWhole'],
  [/^Floor must be between -10 and 200$/, 'floorRange'],
  [/^Phone may contain digits, spaces, dashes and a leading \+$/, 'phoneFormat'],
  [/^Not a valid e-mail address$/, 'emailInvalid'],
  [/^URL name may use lower-case letters, digits and dashes/, 'slugFormat'],
  [/^This URL name is reserved$/, 'slugReserved'],
  [/^Unknown time zone$/, 'unknownTimeZone'],
  [/^The file is empty$/, 'fileEmpty'],
  [/^The file is larger than 20 MB$/, 'fileTooLarge'],
  // Input rules and the request edge (#12 accounts 7, 8).
  [/^Text may not contain control characters$/, 'textControl'],
  [/^Text may not contain bidirectional control characters$/, 'textBidi'],
  [/^Text may not consist of invisible characters only$/, 'textInvisible'],
  [/^Billing period must be from 2000-01 to 2100-12$/, 'periodBounds'],
  [/^Date must be from 2000-01-01 to 2100-12-31$/, 'dateBounds'],
  [/^The received date (\S+) is before the company's first billing period \((\S+)\)$/, 'receivedBeforeFirst', 'date', 'period'],
  [/^Daily late-fee rate must be at most 100 basis points/, 'lateFeeRateMax'],
  [/^The late-fee cap must be at most 100 %/, 'lateFeeCapMax'],
  [/^This record already exists$/, 'recordExists'],
  [/^The server is busy/, 'busy'],
  [/^Too many reports at once\. Try again in (\d+) seconds\.$/, 'tooManyReports', 'seconds'],
  [/^The file is larger than 25 MB$/, 'uploadTooLarge'],
  [/^SVG images are not accepted/, 'uploadSvg'],
  [/^The file is not a PNG, JPEG or WebP image$/, 'uploadNotImage'],
  [/^The file is not a text \(CSV\) file$/, 'uploadNotText'],
  [/^The file is not UTF-8 text/, 'uploadNotUtf8'],
  [/^The image could not be read$/, 'uploadBadImage'],
  [/^The request is larger than/, 'requestTooLarge'],
  [/^Invalid invitation link$/, 'invalidInvitationLink'],
  [/^A resident invitation must name the resident record$/, 'residentInvitationNeedsResident'],
  [/^Missing id$/, 'missingId'],
  // Import problems (reasons per CSV line and column).
  [/^is required$/, 'importRequired'],
  [/^Missing column \(header (.*)\)$/, 'missingColumn', 'headers'],
  [/^The file has a header but no rows$/, 'headerNoRows'],
  [/^At most (\d+) rows per file$/, 'maxRows', 'max'],
  [/^CSV: (.*)$/, 'csvError', 'detail'],
  [/^differs from line (\d+) for the same unit$/, 'differsFromLine', 'line'],
  [/^is required when a phone or e-mail is given$/, 'nameNeededForContact'],
  [/^No active community named "(.*)"; create it first$/, 'noCommunity', 'name'],
  [/^must be occupied, vacant or renovation/, 'statusValues'],
  [/^must be owner or occupant/, 'kindValues'],
];

// English names inside messages → keys of errors.what.
const WHAT: Record<string, string> = {
  Building: 'building', building: 'building', Community: 'community', community: 'community', Unit: 'unit', unit: 'unit',
  Invitation: 'invitation', Member: 'member', Resident: 'resident', 'Community name': 'communityName', 'Building name': 'buildingName',
  'Unit number': 'unitNumber', Name: 'name', 'E-mail': 'email', Password: 'password', 'URL name': 'slug', 'Company name': 'companyName',
  Floor: 'floor', 'Floor area': 'area',
};

type Loose = (key: string, values?: Record<string, string | number>) => string;

/** Returns a function that turns a server or validation message into the user's language. */
export function useErrorText() {
  const t = useTranslations('errors') as unknown as Loose;
  return useCallback(
    (message: string | undefined | null): string => {
      if (!message) return t('generic');
      for (const [re, key, ...names] of RULES) {
        const m = re.exec(message);
        if (!m) continue;
        const values: Record<string, string> = {};
        names.forEach((n, i) => {
          const raw = m[i + 1] ?? '';
          values[n] = n === 'what' && WHAT[raw] ? t(`what.${WHAT[raw]}`) : raw;
        });
        return t(key, values);
      }
      return message;
    },
    [t],
  );
}

/** Top-of-form text for a failed request. */
export function useServerErrorText() {
  const text = useErrorText();
  const t = useTranslations('errors');
  return useCallback(
    (err: unknown | ServerErrorInfo): string => {
      const info = isInfo(err) ? err : serverErrorInfo(err);
      if (info.network) return t('network');
      // A 500 says only "ours" and the request id the server logged it under.
      if (info.code === 'INTERNAL_SERVER_ERROR') return info.requestId ? t('genericWithId', { id: info.requestId }) : t('generic');
      // Bad input: tRPC's own message is the raw issue list; the first field message reads better.
      const firstFieldMessage = Object.values(info.fieldErrors).find((m) => m?.length)?.[0];
      return text(firstFieldMessage ?? info.message);
    },
    [t, text],
  );
}

const isInfo = (v: unknown): v is ServerErrorInfo => !!v && typeof v === 'object' && 'fieldErrors' in v && 'network' in v;
