/**
 * Response bodies of the insights and subscribed_data endpoints, as the spec defines them: these are
 * the types generated from openapi/bankconnect.yaml, so a presenter that drifts from the documents
 * (a missing field, a wrong name such as `receiver_account_number`) does not compile.
 * Amounts and balances are rupees.
 */
import type * as Spec from "../../openapi/generated/bankconnect.js";

export type InsightsTransaction = Spec.Transaction;
export type SalaryFields = Pick<Spec.SalaryTransaction, "employer_name" | "salary_month">;
export type SubscribedTransaction = Spec.SubscribedTransaction;
/** The fields both account-detail shapes share. */
export type AccountDetailsCommon = Omit<Spec.InsightsAccountDetails, "name" | "address" | "metadata_analysis">;
export type InsightsAccountDetails = Spec.InsightsAccountDetails;
export type SubscribedAccountDetails = Spec.SubscribedAccountDetails;
export type FraudEntry = Spec.FraudEntry;
export type SubscribedFraudEntry = Spec.SubscribedFraudEntry;
export type MonthlyAnalysis = Spec.MonthlyAnalysis;
export type EodBalances = Spec.EodBalances;
export type Predictors = Spec.Predictors;
export type InsightsTopCreditsDebits = Spec.TopCreditsDebitsList[number];
export type TopMonthList = InsightsTopCreditsDebits["data"][number];
export type InsightsAccountData = Spec.InsightsAccountData;
export type InsightsBody = Spec.InsightsResponse;
export type SubscribedAccountData = Spec.SubscribedDataAccount;
export type SubscribedDataBody = Spec.SubscribedDataResponse;
