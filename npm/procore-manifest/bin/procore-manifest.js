#!/usr/bin/env node
// Runs the procore-manifest binary of this platform's package
// (@procore-manifest/cli-<platform>-<arch>, an optional dependency that npm
// installs only where it fits, as @biomejs/biome does), passing the
// arguments, standard streams and exit code through.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const pkg = `@procore-manifest/cli-${process.platform}-${process.arch}`;
const exe = process.platform === "win32" ? "procore-manifest.exe" : "procore-manifest";
let binary = process.env.PROCORE_MANIFEST_BINARY;
if (!binary) {
  try {
    binary = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), exe);
  } catch (e) {
    console.error(
      `procore-manifest: no prebuilt binary for ${process.platform}-${process.arch} (${pkg} is not installed). ` +
        "Build it from a clone of https://github.com/procore-manifest/procore-manifest with " +
        "`cargo install --path . --locked` (Rust 1.85 or later), or point PROCORE_MANIFEST_BINARY at a binary."
    );
    process.exit(2);
  }
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  console.error(`procore-manifest: cannot run ${binary}: ${result.error.message}`);
  process.exit(2);
}
process.exit(result.status === null ? 2 : result.status);
