// Where Debian's Chromium is and how the tests start it (browser suite, dashboard example).
export const CHROMIUM_PATH: string = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// Headless, as root, on a machine whose network reaches nothing but package registries: without the
// background-networking flags Chromium keeps dialling out and its connections are refused.
export const CHROMIUM_ARGS: string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
