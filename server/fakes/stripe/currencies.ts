// Currencies Stripe accepts (lower case, ISO 4217) and the ones without minor units.
export const CURRENCIES = new Set(
  (
    'usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd bwp byn bzd cad cdf chf ' +
    'clp cny cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils ' +
    'inr isk jmd jod jpy kes kgs khr kmf krw kwd kyd kzt lak lbp lkr lrd lsl mad mdl mga mkd mmk mnt mop mur mvr mwk ' +
    'mxn myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr pln pyg qar ron rsd rub rwf sar sbd scr sek sgd shp ' +
    'sle sos srd std szl thb tjs tnd top try ttd twd tzs uah ugx uyu uzs vnd vuv wst xaf xcd xof xpf yer zar zmw'
  ).split(' '),
);

const ZERO_DECIMAL = new Set('bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '));

export const minorDigits = (currency: string) => (ZERO_DECIMAL.has(currency.toLowerCase()) ? 0 : 2);

/** An amount in minor units as Stripe writes it in messages and on its pages, e.g. CN¥12.34. */
export function formatAmount(amount: number, currency: string, locale = 'en-US'): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(amount / 10 ** digits);
}

export const COUNTRY_CURRENCY: Record<string, string> = {
  US: 'usd',
  HK: 'hkd',
  SG: 'sgd',
  GB: 'gbp',
  JP: 'jpy',
  AU: 'aud',
  CA: 'cad',
  MY: 'myr',
  TH: 'thb',
  CN: 'cny',
  DE: 'eur',
  FR: 'eur',
  NL: 'eur',
  IE: 'eur',
};
