// Preloaded into the reference server when the bench passes it Node flags: that server has no
// signal handler, and a process killed by SIGTERM never writes what --cpu-prof or --heap-prof gathered.
process.on('SIGTERM', () => process.exit(0));
