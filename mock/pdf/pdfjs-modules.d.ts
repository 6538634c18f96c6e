// pdfjs-dist types only its unminified entry point; the minified build exports the same API.
declare module "pdfjs-dist/legacy/build/pdf.min.mjs" {
  export * from "pdfjs-dist/legacy/build/pdf.mjs";
}

// Its worker module has no typings at all: importing it registers globalThis.pdfjsWorker, so the
// library runs its worker code in-process (its "fake worker") without a worker thread.
declare module "pdfjs-dist/legacy/build/pdf.worker.min.mjs" {
  export const WorkerMessageHandler: unknown;
}
