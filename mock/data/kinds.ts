import type { Merchant } from "./catalogues.js";
import type { Counterparty, MerchantCategory, TransactionChannel, TransactionType } from "./types.js";

/** Every kind of line the generator can print; each maps to one note format and one enrichment. */
export type EventKind =
  | "salary"
  | "upi_in"
  | "neft_in"
  | "imps_in"
  | "rtgs_in"
  | "cheque_deposit"
  | "cash_deposit"
  | "interest"
  | "refund"
  | "chq_return"
  | "top_up"
  | "upi_merchant"
  | "upi_person"
  | "pos"
  | "atm"
  | "neft_out"
  | "imps_out"
  | "rtgs_out"
  | "cheque_paid"
  | "cheque_self"
  | "rent"
  | "emi"
  | "sip"
  | "bill"
  | "card_bill"
  | "sms_charge"
  | "chq_return_charge"
  | "ach_return_charge"
  | "gst_payment"
  | "tds_payment"
  | "salary_payout"
  | "fd";

export interface PlannedEvent {
  day: number;
  /** Orders events within a day. */
  slot: number;
  kind: EventKind;
  amount_paisa: number;
  party: Counterparty | null;
  merchant: Merchant | null;
  /** Biller name or description for bill payments. */
  biller: { name: string; description: string } | null;
  /** Cheque number shared by a bounced cheque, its return and the return charge. */
  cheque: string | null;
  /** Set by the balance pass. */
  balance_paisa: number;
}

interface KindSpec {
  type: TransactionType;
  channel: TransactionChannel;
  description: string;
  merchant_category: MerchantCategory;
  category: string;
}

const spec = (
  type: TransactionType,
  channel: TransactionChannel,
  category: string,
  description = "",
  merchant_category: MerchantCategory = "",
): KindSpec => ({ type, channel, category, description, merchant_category });

export const KINDS: Record<EventKind, KindSpec> = {
  salary: spec("credit", "salary", "Salary"),
  upi_in: spec("credit", "upi", "Transfer from"),
  neft_in: spec("credit", "net_banking_transfer", "Transfer from"),
  imps_in: spec("credit", "net_banking_transfer", "Transfer from"),
  rtgs_in: spec("credit", "net_banking_transfer", "Transfer from"),
  cheque_deposit: spec("credit", "chq", "Cheque Deposit"),
  cash_deposit: spec("credit", "cash_deposit", "Cash Deposit"),
  interest: spec("credit", "bank_interest", "Interest"),
  refund: spec("credit", "refund", "Refund"),
  chq_return: spec("credit", "inward_cheque_bounce", "Cheque Bounce", "chq_bounce_insuff_funds"),
  top_up: spec("credit", "self_transfer", "Self Transfer"),
  upi_merchant: spec("debit", "upi", "Others"),
  upi_person: spec("debit", "upi", "Transfer to"),
  pos: spec("debit", "debit_card", "Shopping"),
  atm: spec("debit", "cash_withdrawl", "Cash Withdrawal"),
  neft_out: spec("debit", "net_banking_transfer", "Transfer to"),
  imps_out: spec("debit", "net_banking_transfer", "Transfer to"),
  rtgs_out: spec("debit", "net_banking_transfer", "Transfer to"),
  cheque_paid: spec("debit", "chq", "Transfer to"),
  cheque_self: spec("debit", "cash_withdrawl", "Cash Withdrawal"),
  rent: spec("debit", "upi", "Rent"),
  emi: spec("debit", "auto_debit_payment", "Loan", "lender_transaction", "loans"),
  sip: spec("debit", "investment", "Investments", "", "investments"),
  bill: spec("debit", "bill_payment", "Bills", "", "bills"),
  card_bill: spec("debit", "bill_payment", "Credit Card Payment", "credit_card_bill", "bills"),
  sms_charge: spec("debit", "bank_charge", "Bank Charges", "gst"),
  chq_return_charge: spec("debit", "bank_charge", "Bank Charges", "chq_bounce_charge"),
  ach_return_charge: spec("debit", "auto_debit_payment_bounce", "Bank Charges", "ach_bounce_charge"),
  gst_payment: spec("debit", "net_banking_transfer", "Tax", "", "tax"),
  tds_payment: spec("debit", "net_banking_transfer", "Tax", "", "tax"),
  salary_payout: spec("debit", "net_banking_transfer", "Salary Paid"),
  fd: spec("debit", "investment", "Investments", "", "investments"),
};

export interface Enrichment {
  transaction_type: TransactionType;
  transaction_channel: TransactionChannel;
  category: string;
  description: string;
  merchant_category: MerchantCategory;
}

/** Category labels follow the documents: merchants by kind of spend, people as `Transfer to NAME`. */
export function enrich(e: PlannedEvent): Enrichment {
  const k = KINDS[e.kind];
  let category = k.category;
  let description = k.description;
  let merchantCategory = k.merchant_category;
  if (e.merchant) {
    category = e.merchant.category;
    merchantCategory = e.merchant.merchant_category;
  } else if ((category === "Transfer from" || category === "Transfer to") && e.party) {
    category = `${category} ${e.party.name}`;
    if (e.party.role === "person") description = category;
  }
  if (e.biller) description = e.biller.description;
  return {
    transaction_type: k.type,
    transaction_channel: k.channel,
    category,
    description,
    merchant_category: merchantCategory,
  };
}
