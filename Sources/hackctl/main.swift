// The entry point of hackctl, the command-line client of hackd.
// The command tree starts at `Hackctl` (Hackctl.swift).
Hackctl.main()
