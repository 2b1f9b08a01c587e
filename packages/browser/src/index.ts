// The browser package exposes core's public surface unchanged; browser-specific behaviour is added here.
export * from "@flatfile-jobs/core";
