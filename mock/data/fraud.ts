import { isEditingProducer } from "./catalogues.js";
import { txnDateTime } from "../core/dates.js";
import type { FraudFinding, Statement, Transaction } from "./types.js";

/**
 * Fraud read off the data. `author_fraud`: the PDF was produced by an editing tool.
 * `inconsistent_transaction`: a transaction printed after one with a later date, reported once
 * for its statement and once more (statement_id null) for the account's merged list, as the
 * subscribed_data example shows both forms.
 */
export function findFraud(statements: readonly Statement[], merged: readonly Transaction[]): FraudFinding[] {
  const out: FraudFinding[] = [];
  for (const s of statements) {
    if (isEditingProducer(s.pdf_metadata.producer)) {
      out.push({ statement_id: s.statement_id, fraud_type: "author_fraud", fraud_category: "metadata", transaction_hash: null, previous_date: null, current_date: null });
    }
    for (const f of inversions(s.transactions, s.statement_id)) out.push(f);
  }
  for (const f of inversions(merged, null)) out.push(f);
  return out;
}

/** Fraud visible in one statement on its own (what the upload response's is_fraud reports). */
export function statementFraud(statement: Statement): FraudFinding[] {
  return findFraud([statement], []);
}

/** The first fraud type found in a statement, or null when it looks genuine. */
export function statementIsFraudulent(statement: Statement): FraudFinding["fraud_type"] | null {
  return statementFraud(statement)[0]?.fraud_type ?? null;
}

function inversions(txns: readonly Transaction[], statementId: string | null): FraudFinding[] {
  const out: FraudFinding[] = [];
  for (let i = 1; i < txns.length; i++) {
    if (txns[i].day < txns[i - 1].day) {
      out.push({
        statement_id: statementId,
        fraud_type: "inconsistent_transaction",
        fraud_category: "accounting",
        transaction_hash: txns[i].hash,
        previous_date: txnDateTime(txns[i - 1].date),
        current_date: txnDateTime(txns[i].date),
      });
    }
  }
  return out;
}
