import type { StatementTextFacts } from "./detect.js";

/** What reading an uploaded PDF found: plain data, so the domain decides codes without the reader. */

export interface PageFacts {
  text: string;
  hasText: boolean;
}

export type PdfFacts =
  | { kind: "unreadable"; reason: string }
  | { kind: "password-missing" }
  | { kind: "password-incorrect" }
  | {
      kind: "read";
      /** The file carries an encryption dictionary (opened with its password, or with an empty user password). */
      encrypted: boolean;
      pageCount: number;
      /**
       * Text of the pages read, from the first: reading stops at the first page after which the
       * text has settled every fact (bank, account, period, a transaction table), so a long
       * statement costs about as much as a short one. A scan is read to the end.
       */
      pages: PageFacts[];
      /** Whether any page read has extractable text; false for a scan. */
      hasText: boolean;
      text: StatementTextFacts;
    };
