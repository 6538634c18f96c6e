import type { MerchantCategory } from "./types.js";

/**
 * Fixed lists the generator draws from: merchants with their UPI handles, cities with matching
 * MICR/PIN prefixes, lenders, funds, billers and the PDF producers used for metadata checks.
 */

export interface Merchant {
  name: string;
  /** UPI VPA the merchant collects on. */
  vpa: string;
  merchant_category: MerchantCategory;
  /** The `category` label shown on the transaction. */
  category: string;
  /** Relative typical ticket size, used to split a month's spending budget. */
  size: number;
  weight: number;
  /** Card-swipe merchants also appear as `POS ...` debits. */
  pos: boolean;
}

export const MERCHANTS: readonly Merchant[] = [
  { name: "SWIGGY", vpa: "swiggystores@icici", merchant_category: "food", category: "Food", size: 450, weight: 10, pos: false },
  { name: "ZOMATO", vpa: "zomato@hdfcbank", merchant_category: "food", category: "Food", size: 480, weight: 9, pos: false },
  { name: "DOMINOS PIZZA", vpa: "dominos@axisbank", merchant_category: "food", category: "Food", size: 600, weight: 3, pos: true },
  { name: "CHAAYOS", vpa: "chaayos@ybl", merchant_category: "food", category: "Food", size: 250, weight: 2, pos: true },
  { name: "BIGBASKET", vpa: "bigbasket@hdfcbank", merchant_category: "groceries", category: "Groceries", size: 1400, weight: 6, pos: false },
  { name: "BLINKIT", vpa: "blinkit.payu@axisbank", merchant_category: "groceries", category: "Groceries", size: 650, weight: 6, pos: false },
  { name: "DMART", vpa: "avenuesupermarts@icici", merchant_category: "groceries", category: "Groceries", size: 2200, weight: 4, pos: true },
  { name: "RELIANCE FRESH", vpa: "reliancefresh@ybl", merchant_category: "groceries", category: "Groceries", size: 900, weight: 3, pos: true },
  { name: "AMAZON", vpa: "amazon@apl", merchant_category: "shopping", category: "Shopping", size: 1800, weight: 6, pos: false },
  { name: "FLIPKART", vpa: "flipkart@axisbank", merchant_category: "shopping", category: "Shopping", size: 2000, weight: 5, pos: false },
  { name: "MYNTRA", vpa: "myntra@icici", merchant_category: "shopping", category: "Shopping", size: 1700, weight: 2, pos: false },
  { name: "LIFESTYLE STORES", vpa: "lifestyle@hdfcbank", merchant_category: "shopping", category: "Shopping", size: 2600, weight: 1, pos: true },
  { name: "UBER INDIA", vpa: "uberindia@axisbank", merchant_category: "travel", category: "Travel", size: 350, weight: 5, pos: false },
  { name: "OLA CABS", vpa: "olacabs@ybl", merchant_category: "travel", category: "Travel", size: 320, weight: 4, pos: false },
  { name: "RAPIDO", vpa: "rapido.rzp@axisbank", merchant_category: "travel", category: "Travel", size: 90, weight: 4, pos: false },
  { name: "IRCTC", vpa: "irctc@sbi", merchant_category: "travel", category: "Travel", size: 1500, weight: 2, pos: false },
  { name: "MAKEMYTRIP", vpa: "makemytrip@icici", merchant_category: "travel", category: "Travel", size: 5200, weight: 1, pos: false },
  { name: "INDIAN OIL", vpa: "iocl.fuel@sbi", merchant_category: "fuel", category: "Fuel", size: 1200, weight: 3, pos: true },
  { name: "BHARATHI FUELS", vpa: "bharathifuels@ybl", merchant_category: "fuel", category: "Fuel", size: 800, weight: 2, pos: true },
  { name: "HP PETROL PUMP", vpa: "hpcl@paytm", merchant_category: "fuel", category: "Fuel", size: 1000, weight: 2, pos: true },
  { name: "APOLLO PHARMACY", vpa: "apollopharmacy@icici", merchant_category: "medical", category: "Medical", size: 700, weight: 3, pos: true },
  { name: "TATA 1MG", vpa: "tata1mg@hdfcbank", merchant_category: "medical", category: "Medical", size: 650, weight: 1, pos: false },
  { name: "PVR CINEMAS", vpa: "pvrcinemas@icici", merchant_category: "entertainment", category: "Entertainment", size: 700, weight: 2, pos: true },
  { name: "BOOKMYSHOW", vpa: "bookmyshow@axisbank", merchant_category: "entertainment", category: "Entertainment", size: 600, weight: 2, pos: false },
  { name: "NETFLIX", vpa: "netflix@hdfcbank", merchant_category: "entertainment", category: "Entertainment", size: 650, weight: 1, pos: false },
  { name: "JIO PREPAID", vpa: "jio@sbi", merchant_category: "bills", category: "Bills", size: 400, weight: 2, pos: false },
  { name: "AIRTEL PREPAID", vpa: "airtelpredirect@airtel", merchant_category: "bills", category: "Bills", size: 450, weight: 2, pos: false },
  { name: "PAYTM WALLET", vpa: "paytm-wallet@paytm", merchant_category: "ewallet", category: "Wallet", size: 500, weight: 1, pos: false },
  { name: "DREAM11", vpa: "dream11@icici", merchant_category: "gambling", category: "Gaming", size: 300, weight: 1, pos: false },
  { name: "WINE SHOP", vpa: "wineshop@ybl", merchant_category: "alcohol", category: "Alcohol", size: 900, weight: 1, pos: true },
  { name: "ZERODHA BROKING", vpa: "zerodha.broking@hdfcbank", merchant_category: "trading", category: "Investments", size: 4000, weight: 1, pos: false },
  { name: "LAZYPAY", vpa: "lazypay@icici", merchant_category: "bnpl", category: "Loan Repayment", size: 900, weight: 1, pos: false },
];

export interface City {
  name: string;
  state: string;
  /** First three digits of MICR codes in the city. */
  micr: string;
  /** First three digits of the city's PIN codes. */
  pin: string;
}

export const CITIES: readonly City[] = [
  { name: "MUMBAI", state: "MAHARASHTRA", micr: "400", pin: "400" },
  { name: "PUNE", state: "MAHARASHTRA", micr: "411", pin: "411" },
  { name: "NEW DELHI", state: "DELHI", micr: "110", pin: "110" },
  { name: "BENGALURU", state: "KARNATAKA", micr: "560", pin: "560" },
  { name: "CHENNAI", state: "TAMIL NADU", micr: "600", pin: "600" },
  { name: "HYDERABAD", state: "TELANGANA", micr: "500", pin: "500" },
  { name: "KOLKATA", state: "WEST BENGAL", micr: "700", pin: "700" },
  { name: "AHMEDABAD", state: "GUJARAT", micr: "380", pin: "380" },
  { name: "JAIPUR", state: "RAJASTHAN", micr: "302", pin: "302" },
  { name: "LUCKNOW", state: "UTTAR PRADESH", micr: "226", pin: "226" },
  { name: "CHANDIGARH", state: "CHANDIGARH", micr: "160", pin: "160" },
  { name: "INDORE", state: "MADHYA PRADESH", micr: "452", pin: "452" },
  { name: "KOCHI", state: "KERALA", micr: "682", pin: "682" },
  { name: "LUDHIANA", state: "PUNJAB", micr: "141", pin: "141" },
  { name: "SURAT", state: "GUJARAT", micr: "395", pin: "395" },
  { name: "NAGPUR", state: "MAHARASHTRA", micr: "440", pin: "440" },
];

export const LENDERS: readonly string[] = [
  "BAJAJ FINANCE LTD",
  "TATA CAPITAL FIN SERV",
  "HOME CREDIT INDIA",
  "LIC HOUSING FINANCE",
  "KOTAK MAHINDRA PRIME",
  "MUTHOOT FINANCE LTD",
  "ADITYA BIRLA FINANCE",
  "HDB FINANCIAL SERVICES",
];

export const FUNDS: readonly string[] = [
  "ICICI PRUDENTIAL MF",
  "SBI MUTUAL FUND",
  "HDFC MUTUAL FUND",
  "AXIS MUTUAL FUND",
  "NIPPON INDIA MF",
  "PARAG PARIKH MF",
];

export interface Biller {
  name: string;
  description: "electric_bill" | "telco_bill" | "credit_card_bill";
  category: string;
}

export const BILLERS: readonly Biller[] = [
  { name: "TATA POWER", description: "electric_bill", category: "Bills" },
  { name: "BESCOM", description: "electric_bill", category: "Bills" },
  { name: "MSEDCL", description: "electric_bill", category: "Bills" },
  { name: "AIRTEL POSTPAID", description: "telco_bill", category: "Bills" },
  { name: "VODAFONE IDEA", description: "telco_bill", category: "Bills" },
  { name: "JIO POSTPAID", description: "telco_bill", category: "Bills" },
];

export const COMPANY_SUFFIXES: readonly string[] = [
  "ENTERPRISES",
  "TRADERS",
  "INDUSTRIES",
  "AGRO FOODS PVT LTD",
  "TEXTILES",
  "CONSTRUCTIONS",
  "LOGISTICS PVT LTD",
  "PHARMA DISTRIBUTORS",
  "STEEL WORKS",
  "RICE MILLS",
  "ELECTRICALS",
  "TECHNOLOGIES PVT LTD",
  "SOFTWARE SOLUTIONS PVT LTD",
  "AUTO PARTS",
];

export const EMPLOYER_SUFFIXES: readonly string[] = [
  "TECHNOLOGIES PVT LTD",
  "SOFTWARE SERVICES PVT LTD",
  "INFOTECH LTD",
  "CONSULTING PVT LTD",
  "HEALTHCARE LTD",
  "RETAIL PVT LTD",
  "MANUFACTURING LTD",
  "FINANCIAL SERVICES LTD",
];

export const UPI_HANDLES: readonly string[] = ["ybl", "okicici", "oksbi", "okhdfcbank", "paytm", "axl", "ibl", "upi"];

/** Producers real bank statement PDFs carry. */
export const BANK_PDF_PRODUCERS: readonly string[] = [
  "iText 2.1.7 by 1T3XT",
  "Oracle BI Publisher 12.2.1.4.0",
  "JasperReports Library version 6.20.0",
  "Apache FOP Version 2.6",
  "OpenText Exstream 16.6",
];

/** Producers that mean someone re-saved or edited the PDF: the basis of `author_fraud`. */
export const EDITING_PDF_PRODUCERS: readonly string[] = [
  "iLovePDF",
  "Microsoft® Word for Microsoft 365",
  "PDFescape Online PDF Editor",
  "Sejda PDF Editor",
  "Adobe Acrobat Pro DC 23.1 (edited)",
  "Smallpdf.com",
];

const EDITING_RE = /ilovepdf|microsoft.*word|pdfescape|sejda|\(edited\)|smallpdf|foxit phantom|nitro pro|canva/i;

export function isEditingProducer(producer: string): boolean {
  return EDITING_RE.test(producer);
}
