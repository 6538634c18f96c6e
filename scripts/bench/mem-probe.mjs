// Preloaded (`node --expose-gc --import <this> dist/mock/cli/main.js`) into the mock's process by the
// benchmark: on the IPC message "mem" it runs a full GC when exposed and answers process.memoryUsage().
if (typeof process.send === "function") {
  process.on("message", (message) => {
    if (message !== "mem") return;
    const gc = globalThis.gc;
    if (typeof gc === "function") {
      gc();
      gc();
    }
    process.send({ gc: typeof gc === "function", ...process.memoryUsage() });
  });
}
