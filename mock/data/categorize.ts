import { MERCHANTS } from "./catalogues.js";
import type { Counterparty, MerchantCategory, TransactionChannel, TransactionType } from "./types.js";

/**
 * Enrichment for transactions that arrive without it (statement fixtures): channel, category,
 * description and merchant category read from the note, the way the vendor's categoriser would.
 * Rules are tried in order; the first match wins.
 */

export interface NoteEnrichment {
  transaction_channel: TransactionChannel;
  category: string;
  description: string;
  merchant_category: MerchantCategory;
  counterparty: Counterparty | null;
}

interface Rule {
  test: RegExp;
  type?: TransactionType;
  channel: TransactionChannel;
  category: string;
  description?: string;
  merchant_category?: MerchantCategory;
}

const RULES: readonly Rule[] = [
  { test: /\bSALARY\b|\bSAL\b|\bSALARIES\b/, type: "credit", channel: "salary", category: "Salary" },
  { test: /(ACH|NACH|ECS).*(RTN|RETURN|BOUNCE)|(RTN|RETURN|BOUNCE).*(ACH|NACH|ECS)/, type: "debit", channel: "auto_debit_payment_bounce", category: "Bank Charges", description: "ach_bounce_charge" },
  { test: /(CHQ|CHEQUE).*(RTN|RET|RETURN).*(CHG|CHARGE)/, type: "debit", channel: "bank_charge", category: "Bank Charges", description: "chq_bounce_charge" },
  { test: /(CHQ|CHEQUE).*(RETURN|RTN|BOUNCE)|INSUFF/, type: "credit", channel: "inward_cheque_bounce", category: "Cheque Bounce", description: "chq_bounce_insuff_funds" },
  { test: /(CHQ|CHEQUE).*(RETURN|RTN|BOUNCE)|INSUFF/, type: "debit", channel: "outward_cheque_bounce", category: "Cheque Bounce", description: "chq_bounce_insuff_funds" },
  { test: /\bACH\b|\bNACH\b|\bECS\b|\bEMI\b/, type: "debit", channel: "auto_debit_payment", category: "Loan", description: "lender_transaction", merchant_category: "loans" },
  { test: /\bGST\b.*(CHARGE|CHRG|CHG)|(CHARGE|CHRG|CHG).*\bGST\b/, type: "debit", channel: "bank_charge", category: "Bank Charges", description: "gst" },
  { test: /MIN(IMUM)? BAL|NON[- ]MAINT/, type: "debit", channel: "bank_charge", category: "Bank Charges", description: "penalty_charge" },
  { test: /CHARGES|\bCHRG|\bCHGS?\b|\bFEE\b/, type: "debit", channel: "bank_charge", category: "Bank Charges" },
  { test: /INT\.?PD|INTEREST/, type: "credit", channel: "bank_interest", category: "Interest" },
  { test: /^ATW|\bATM\b|CASH WDL|CSH\(CHQ\)|CASH WITHDRAWAL|\bNWD\b/, type: "debit", channel: "cash_withdrawl", category: "Cash Withdrawal" },
  { test: /CASH DEP|BY CASH|\bCDM\b/, type: "credit", channel: "cash_deposit", category: "Cash Deposit" },
  { test: /REFUND|\bREV\b|REVERSAL/, type: "credit", channel: "refund", category: "Refund" },
  { test: /^POS\b/, channel: "debit_card", category: "Shopping" },
  { test: /FD THROUGH|FIXED DEPOSIT|\bSIP\b|MUTUAL FUND|\bMF\b/, type: "debit", channel: "investment", category: "Investments", merchant_category: "investments" },
  { test: /FD (CLOSURE|PREMAT)|REDEMPTION/, type: "credit", channel: "investment_cashin", category: "Investments" },
  { test: /BIL\/|BILLPAY|BILL PAY|ELECTRICITY|POSTPAID|BBPS/, type: "debit", channel: "bill_payment", category: "Bills", merchant_category: "bills" },
  { test: /OLTAS|GST PAYMENT|\bGSTN\b|\bCBDT\b|TAX PAYMENT|ADVANCE TAX/, type: "debit", channel: "net_banking_transfer", category: "Tax", merchant_category: "tax" },
  { test: /SELF TRANSFER|\bSELF\b.*\bTRF\b|OWN ACCOUNT/, channel: "self_transfer", category: "Self Transfer" },
  { test: /^UPI|\bUPI\b/, channel: "upi", category: "Transfer" },
  { test: /NEFT|IMPS|RTGS|^IMP-|MMT\/|\bTRF\b|TRANSFER/, channel: "net_banking_transfer", category: "Transfer" },
  { test: /\bDD\b|DEMAND DRAFT/, channel: "demand_draft", category: "Others" },
  { test: /CHQ|CHEQUE|\bCLG\b|CLEARING/, channel: "chq", category: "Others" },
];

export function categorizeNote(note: string, type: TransactionType): NoteEnrichment {
  const upper = note.toUpperCase();
  const merchant = MERCHANTS.find((m) => upper.includes(m.name) || upper.includes(m.vpa.toUpperCase()));
  for (const r of RULES) {
    if (r.type && r.type !== type) continue;
    if (!r.test.test(upper)) continue;
    if (merchant && (r.channel === "upi" || r.channel === "debit_card" || r.channel === "refund")) {
      return {
        transaction_channel: r.channel,
        category: r.channel === "refund" ? "Refund" : merchant.category,
        description: "",
        merchant_category: merchant.merchant_category,
        counterparty: { role: "merchant", name: merchant.name, ifsc: null, upi_handle: merchant.vpa, bank: null, account_number: null },
      };
    }
    let category = r.category;
    let description = r.description ?? "";
    let counterparty: Counterparty | null = null;
    if (category === "Transfer") {
      const name = transferName(upper);
      category = name ? `Transfer ${type === "credit" ? "from" : "to"} ${name}` : type === "credit" ? "Transfer In" : "Transfer Out";
      if (name) {
        description = category;
        counterparty = { role: "person", name, ifsc: null, upi_handle: null, bank: null, account_number: null };
      }
    }
    return { transaction_channel: r.channel, category, description, merchant_category: r.merchant_category ?? "", counterparty };
  }
  return { transaction_channel: "Others", category: "Others", description: "", merchant_category: "", counterparty: null };
}

/**
 * The counterparty in the common note layouts, when it reads as a name:
 * `UPI-NAME-...`, `NEFT CR-IFSC-NAME-...`, `IMPS-ref-NAME-...`, `NEFT-utr-NAME-...`,
 * `UPI~ref~handle~NAME-remark`, `MMT/IMPS/ref/NAME/...`, `UPI/DR/ref/NAME/...`.
 */
function transferName(upper: string): string | null {
  const dash = upper.split("-").map((p) => p.trim());
  const tilde = upper.split("~").map((p) => p.trim());
  const slash = upper.split("/").map((p) => p.trim());
  let candidate: string | undefined;
  if (tilde[0] === "UPI" && tilde.length >= 4) candidate = tilde[3].split("-")[0];
  else if ((slash[0] === "MMT" || slash[0] === "UPI") && slash.length >= 4) candidate = slash[3];
  else if (dash[0] === "UPI") candidate = dash[1];
  else if (/^(NEFT|RTGS) (CR|DR)$/.test(dash[0]) || dash[0] === "IMPS" || dash[0] === "NEFT") candidate = dash[2];
  if (!candidate || !/^[A-Z][A-Z .&']{2,}$/.test(candidate)) return null;
  return candidate.trim();
}
