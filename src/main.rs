use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option numbers (`mi_option_e` in mimalloc.h: stable across
/// versions, retired options keep their slot).
const MI_OPTION_ARENA_EAGER_COMMIT: i32 = 4;
const MI_OPTION_PURGE_DELAY: i32 = 15;

/// Runs before `main` and before the first allocation (an ELF initializer;
/// glibc passes it the command line, as it does to Rust's own): mimalloc
/// reads these options when it reserves its first arena.
///
/// A command runs for seconds at most: memory freed during the run is kept
/// for reuse rather than handed back to the system and faulted in again (a
/// file with a million findings spent a third of its time in the kernel,
/// zeroing re-faulted pages), and memory is committed as it is used rather
/// than ahead (10 MB less resident for a small run). The language server
/// runs for hours and keeps mimalloc's defaults.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" fn tune_allocator(argc: std::ffi::c_int, argv: *const *const std::ffi::c_char, _env: *const u8) {
    // SAFETY: glibc calls initializers with the process's argc and argv
    // (NUL-terminated strings); nothing here allocates.
    let command = unsafe { (argc > 1 && !argv.is_null()).then(|| std::ffi::CStr::from_ptr(*argv.add(1))) };
    if command.is_some_and(|c| c.to_bytes() == b"lsp") {
        return;
    }
    // SAFETY: setters of process-wide allocator options, called while the
    // process has one thread.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn(std::ffi::c_int, *const *const std::ffi::c_char, *const u8) = tune_allocator;

fn main() -> ExitCode {
    procore_manifest::cli::run()
}
