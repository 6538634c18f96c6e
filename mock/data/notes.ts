import type { Bank, NoteStyle } from "./banks.js";
import { findBank } from "./banks.js";
import { civilFromDays, ddmmyy, dayOfYear, MONTH_ABBR, monthIndexOfDay } from "../core/dates.js";
import type { PlannedEvent } from "./kinds.js";
import type { Rng } from "./rng.js";
import type { Account } from "./types.js";

/**
 * Transaction notes in the formats the documents show, per bank style. Reference numbers follow
 * the real layouts (UPI RRN = last digit of year + day of year + 8 digits; NEFT UTR = IFSC bank
 * code + N + ...), and their running part is a counter times a unit mod 10^8, so no two
 * references in a statement repeat and notes stay unique, which the top-5 maps rely on.
 */
export class Refs {
  private n = 0;
  private readonly base: number;
  private cheque: number;

  constructor(private readonly rng: Rng) {
    this.base = rng.int(0, 99_999_999);
    this.cheque = rng.int(10_000, 900_000);
  }

  private unique8(): string {
    this.n++;
    return String((this.base + this.n * 48_271) % 100_000_000).padStart(8, "0");
  }

  /** 12-digit UPI / IMPS retrieval reference. */
  rrn(day: number): string {
    const { y } = civilFromDays(day);
    return `${y % 10}${String(dayOfYear(day)).padStart(3, "0")}${this.unique8()}`;
  }

  neftUtr(prefix: string, day: number): string {
    const { y } = civilFromDays(day);
    return `${prefix}N${y % 10}${String(dayOfYear(day)).padStart(3, "0")}${this.unique8()}`;
  }

  rtgsUtr(prefix: string, day: number): string {
    const { y, m, d } = civilFromDays(day);
    return `${prefix}R5${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}${this.unique8().slice(-4)}`;
  }

  nextCheque(): string {
    this.cheque++;
    return String(this.cheque).padStart(6, "0");
  }

  digits(n: number): string {
    return this.rng.digits(n);
  }

  pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }
}

export interface NoteContext {
  style: NoteStyle;
  bank: Bank;
  account: Account;
  refs: Refs;
  city: string;
}

export interface Note {
  note: string;
  chq_num: string | null;
  reference: string | null;
}

const UPI_REMARKS = ["PAYMENT FROM PHONE", "UPI", "PAY", "SENT FROM PAYTM", "NA", "PAYMENT"] as const;

const short = (name: string, n = 16): string => name.slice(0, n).trim();
const firstWord = (name: string): string => {
  const space = name.indexOf(" ");
  return space < 0 ? name : name.slice(0, space);
};
const masked = (ctx: NoteContext): string => `${ctx.account.traits.card_bin}XXXXXX${ctx.account.traits.card_last4}`;
const ownAccountTail = (ctx: NoteContext): string => (ctx.account.account_number ?? "00000000000").slice(-11);

function bankShortOf(id: string | null): string {
  return (id && findBank(id)?.short_name) ?? "HDFC BANK";
}

export function buildNote(e: PlannedEvent, ctx: NoteContext): Note {
  const body = buildBody(e, ctx);
  // Public-sector statements print the value date in front of every narration.
  if (ctx.style === "psu") body.note = `${ddmmyy(e.day)} ${body.note}`;
  return body;
}

function buildBody(e: PlannedEvent, ctx: NoteContext): Note {
  const { refs, style } = ctx;
  const p = e.party;
  const pName = p?.name ?? "SELF";
  const pIfsc = p?.ifsc ?? `${ctx.bank.ifsc_prefix}0000001`;
  const pAcct = (p?.account_number ?? "0000000000").slice(-11);
  const mon = `${MONTH_ABBR[monthIndexOfDay(e.day) % 12].toUpperCase()} ${civilFromDays(e.day).y}`;

  switch (e.kind) {
    case "upi_in":
    case "upi_person":
    case "upi_merchant":
    case "rent":
    case "refund": {
      const rrn = refs.rrn(e.day);
      const credit = e.kind === "upi_in" || e.kind === "refund";
      const name = e.merchant?.name ?? pName;
      const handle = e.merchant?.vpa ?? p?.upi_handle ?? "upi@upi";
      const remark =
        e.kind === "rent" ? "RENT" : e.kind === "refund" ? "REFUND" : e.merchant ? `FOR ${firstWord(e.merchant.name)}` : refs.pick(UPI_REMARKS);
      const ifsc = e.merchant ? `${handle.endsWith("@icici") ? "ICIC" : "UTIB"}0000${refs.digits(3)}` : pIfsc;
      if (style === "psu") {
        return { note: `UPI/${credit ? "CR" : "DR"}/${rrn}/${short(name, 20)}/${ifsc.slice(0, 4)}/${handle}/${remark}`, chq_num: null, reference: rrn };
      }
      if (style === "tilde") {
        return { note: `UPI~${rrn}~${handle}~${name}-${remark}`, chq_num: null, reference: rrn };
      }
      const prefix = e.kind === "refund" ? "UPI-REFUND" : "UPI";
      return { note: `${prefix}-${name}-${handle.toUpperCase()}-${ifsc}-${rrn}-${remark}`, chq_num: `0000${rrn}`, reference: rrn };
    }
    case "salary": {
      // Salary landing in the first half of a month pays for the month before (see derive.ts).
      const paidFor = monthIndexOfDay(e.day) - (civilFromDays(e.day).d <= 15 ? 1 : 0);
      const mon = `${MONTH_ABBR[paidFor % 12].toUpperCase()} ${Math.floor(paidFor / 12)}`;
      if (style === "psu") {
        const utr = refs.neftUtr(pIfsc.slice(0, 4), e.day);
        return { note: `BY TRF. NEFT ${short(pName, 20)} SALARY ${mon} ${utr}`, chq_num: null, reference: utr };
      }
      if (ctx.account.traits.salary_day % 2 === 1) {
        const ref = refs.rrn(e.day);
        return { note: `IMP-${ref}-${ctx.account.traits.mobile}-${pName} -${bankShortOf(p?.bank ?? null)} -SALARY ${mon}`, chq_num: null, reference: ref };
      }
      const utr = refs.neftUtr(pIfsc.slice(0, 4), e.day);
      return { note: `NEFT CR-${pIfsc}-${pName}-SALARY FOR ${mon}-${utr}`, chq_num: null, reference: utr };
    }
    case "neft_in":
    case "neft_out":
    case "salary_payout": {
      const utr = refs.neftUtr(pIfsc.slice(0, 4), e.day);
      const credit = e.kind === "neft_in";
      const tag = e.kind === "salary_payout" ? ` SALARY ${mon}` : "";
      if (style === "psu") {
        return { note: `NEFT ${short(pName)} ${utr} TRF ${credit ? "FROM" : "TO"} ${pAcct}${tag}`, chq_num: null, reference: utr };
      }
      if (style === "tilde") {
        return { note: `NEFT-${utr}-${pName}-${credit ? "CREDIT" : "PAYMENT"}${tag}-${pAcct}`, chq_num: null, reference: utr };
      }
      return credit
        ? { note: `NEFT CR-${pIfsc}-${pName}-${refs.pick(["INVOICE PAYMENT", "PAYMENT", "ADVANCE", "NA"])}-${utr}`, chq_num: null, reference: utr }
        : { note: `NEFT DR-${pIfsc}-${pName}-NETBANK, MUM-${utr}${tag || "-PAYMENT"}`, chq_num: null, reference: utr };
    }
    case "imps_in":
    case "imps_out":
    case "top_up": {
      const ref = refs.rrn(e.day);
      const credit = e.kind !== "imps_out";
      const name = e.kind === "top_up" ? ctx.account.name : pName;
      const acct = e.kind === "top_up" ? ctx.refs.digits(11) : pAcct;
      if (style === "psu") {
        return { note: `${credit ? "BY" : "TO"} TRF. IMPS ${ref} TRF ${credit ? "FROM" : "TO"} ${acct}${e.kind === "top_up" ? " SELF" : ""}`, chq_num: null, reference: ref };
      }
      if (style === "tilde") {
        return { note: `MMT/IMPS/${ref}/${short(name, 20)}/${bankShortOf(p?.bank ?? null)}${e.kind === "top_up" ? "/SELF" : ""}`, chq_num: null, reference: ref };
      }
      return { note: `IMPS-${ref}-${name}-${bankShortOf(p?.bank ?? null)}-XXXXXXX${acct.slice(-4)}-${e.kind === "top_up" ? "SELF TRANSFER" : "IMPS"}`, chq_num: null, reference: ref };
    }
    case "rtgs_in":
    case "rtgs_out": {
      const utr = refs.rtgsUtr(pIfsc.slice(0, 4), e.day);
      if (e.kind === "rtgs_in") {
        const note = style === "psu" ? `BY TRF. RTGS${short(pName, 20)} TRF FROM ${pAcct}` : `RTGS CR-${pIfsc}-${pName}-${utr}`;
        return { note, chq_num: null, reference: utr };
      }
      const chq = refs.nextCheque();
      const note = style === "psu" ? `RTGS ${short(pName, 12)} ${chq} ${utr}` : `RTGS DR-${pIfsc}-${pName}-${utr}`;
      return { note, chq_num: style === "psu" ? chq : null, reference: utr };
    }
    case "cheque_deposit": {
      const chq = refs.nextCheque();
      const note = style === "psu" ? `BY CLG ${chq} ${bankShortOf(p?.bank ?? null)} ${short(pName, 20)}` : `CHQ DEP-MICR CLG-${ctx.city}-${chq}-${pName}`;
      return { note, chq_num: chq, reference: chq };
    }
    case "cheque_paid": {
      const chq = e.cheque ?? refs.nextCheque();
      const note = style === "psu" ? `TO CLG ${chq} ${short(pName, 20)}` : `CHQ PAID-MICR CTS-${ctx.city}-${chq}-${pName}`;
      return { note, chq_num: chq, reference: chq };
    }
    case "chq_return": {
      const chq = e.cheque ?? refs.nextCheque();
      const note = style === "psu" ? `BY TRF. CHQ RETURN ${chq} INSUFF FUNDS` : `CHQ RETURN-${chq}-FUNDS INSUFFICIENT-${short(pName, 20)}`;
      return { note, chq_num: chq, reference: chq };
    }
    case "chq_return_charge": {
      const chq = e.cheque ?? refs.nextCheque();
      const note = style === "psu" ? `TO TRF. CHQ RTN CHGS ${chq} INCL GST` : `CHQ RETURN CHGS ${chq} INCL GST`;
      return { note, chq_num: null, reference: chq };
    }
    case "ach_return_charge": {
      const ref = refs.rrn(e.day);
      const note = style === "psu" ? `TO TRF. ACH RTN CHGS ${ref} INCL GST` : `ACH DEBIT RETURN CHARGES ${ref} INCL GST`;
      return { note, chq_num: null, reference: ref };
    }
    case "cheque_self": {
      const chq = refs.nextCheque();
      return { note: `CSH(CHQ) ${chq} Paid to SELF`, chq_num: chq, reference: chq };
    }
    case "cash_deposit": {
      const ref = refs.digits(6);
      const note = style === "psu" ? `BY CASH CASHRC Deposit by SELF TRF FROM ${ownAccountTail(ctx)} ${ref}` : `CASH DEPOSIT BY - SELF - ${ctx.city} ${ref}`;
      return { note, chq_num: null, reference: ref };
    }
    case "atm": {
      const atm = `S1${refs.pick(["ACMU", "BNDL", "ANHY", "ACCH", "BWPU"])}${refs.digits(2)}`;
      const ref = refs.rrn(e.day);
      const note = style === "psu" ? `ATM WDL ATM CASH ${ref.slice(-6)} ${atm} ${ctx.city}` : `ATW-${masked(ctx)}-${atm}-${ctx.city}-${ref.slice(-6)}`;
      return { note, chq_num: null, reference: ref };
    }
    case "pos": {
      const ref = refs.rrn(e.day).slice(-6);
      return { note: `POS ${masked(ctx)} ${e.merchant?.name ?? pName} ${ref}`, chq_num: null, reference: ref };
    }
    case "emi": {
      const umrn = ctx.account.traits.emi?.umrn ?? refs.digits(16);
      const ref = refs.rrn(e.day);
      const note = style === "psu" ? `ACH DR ${short(pName, 20)} ${umrn} ${ref}` : `ACH D- ${pName}-${umrn.slice(-10)}${ref.slice(-6)}`;
      return { note, chq_num: null, reference: ref };
    }
    case "sip": {
      const ref = refs.rrn(e.day);
      return { note: `ACH D- BSE LTD ${pName} SIP-${ref}`, chq_num: null, reference: ref };
    }
    case "bill": {
      const ref = refs.rrn(e.day);
      const biller = e.biller?.name ?? "BILLDESK";
      const note = style === "tilde" ? `BIL/ONL/${ref}/${biller}/${refs.digits(10)}` : `BILLPAY ${biller} ${ref}`;
      return { note, chq_num: null, reference: ref };
    }
    case "card_bill": {
      const ref = refs.rrn(e.day);
      return { note: `IB BILLPAY DR-CCARD-${masked(ctx)}-${ref}`, chq_num: null, reference: ref };
    }
    case "sms_charge": {
      const note =
        style === "psu"
          ? `TO TRF. PC SMS CHARGES GST S TRF TO ${refs.digits(11)}`
          : `SMS CHARGES INCL GST FOR QTR ENDED ${ddmmyy(e.day)} ${refs.digits(6)}`;
      return { note, chq_num: null, reference: null };
    }
    case "interest": {
      const note = style === "psu" ? `BY INT. CREDIT INTEREST ${refs.digits(6)}` : `CREDIT INTEREST CAPITALISED ${refs.digits(6)}`;
      return { note, chq_num: null, reference: null };
    }
    case "gst_payment": {
      const cpin = refs.digits(14);
      return { note: `${style === "psu" ? "TO TRF. " : ""}GST PAYMENT GSTN CPIN ${cpin}`, chq_num: null, reference: cpin };
    }
    case "tds_payment": {
      const ref = refs.digits(12);
      return { note: `TAX PAYMENT OLTAS TDS ${ref}`, chq_num: null, reference: ref };
    }
    case "fd": {
      const fd = refs.digits(14);
      return { note: `FD THROUGH DIGITALFD-${fd}:${ctx.account.name.replace(/^(MR|MS|MRS)\. /, "")}`, chq_num: null, reference: fd };
    }
  }
}
