package microgpt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine's peak double-precision rate: cores × clock × FLOPs per cycle per core, the last
 * being FMA units × doubles per unit × 2 (a fused multiply-add is two FLOPs). Read from
 * /proc/cpuinfo: the clock is its "cpu MHz" (the nominal clock of a VM; turbo may run higher),
 * the width from the flags. The number of FMA units is an assumption, printed with the result:
 * two per core, as on every x86 server core of the last decade; each 512 bits wide with AVX-512 on
 * Intel, but 256 bits on AMD's Zen 4 (cpu family 25), which runs a 512-bit instruction as two
 * halves.
 */
record MachinePeak(int cores, double gigahertz, int fmaUnits, int doublesPerUnit, String why) {

    /** FLOPs per cycle per core. */
    int flopsPerCycle() {
        return fmaUnits * doublesPerUnit * 2;
    }

    /** The peak of {@code cores} cores, in GFLOP/s. */
    double gigaflops(int cores) {
        return cores * gigahertz * flopsPerCycle();
    }

    /** The formula with its numbers, for the record. */
    String formula() {
        return String.format(Locale.ROOT, "peak = %d cores × %.2f GHz × %d FLOPs/cycle (%d FMA units × %d doubles × 2) = %.1f GFLOP/s; %s",
                cores, gigahertz, flopsPerCycle(), fmaUnits, doublesPerUnit, gigaflops(cores), why);
    }

    /** This machine's, from /proc/cpuinfo; a 2.5 GHz SSE2 core if it cannot be read (said so in {@link #why}). */
    static MachinePeak ofThisMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            double mhz = Double.parseDouble(field(lines, "cpu MHz", "2500"));
            String flags = " " + field(lines, "flags", "") + " ";
            boolean amd = field(lines, "vendor_id", "").equals("AuthenticAMD");
            int family = Integer.parseInt(field(lines, "cpu family", "0"));
            int doubles;
            String why;
            if (flags.contains(" avx512f ") && !(amd && family == 25)) {
                doubles = 8;
                why = "AVX-512 with FMA, two 512-bit units assumed";
            } else if (flags.contains(" avx512f ")) {
                doubles = 4;
                why = "AVX-512 on AMD Zen 4 (family 25): two 256-bit FMA units, a 512-bit instruction in two halves";
            } else if (flags.contains(" fma ") && flags.contains(" avx2 ")) {
                doubles = 4;
                why = "AVX2 with FMA, two 256-bit units assumed";
            } else {
                doubles = 2;
                why = "no FMA flag: SSE2, two 128-bit units assumed";
            }
            return new MachinePeak(cores, mhz / 1000, 2, doubles, why + "; clock from /proc/cpuinfo");
        } catch (IOException | RuntimeException e) {
            return new MachinePeak(cores, 2.5, 2, 2, "no /proc/cpuinfo: 2.5 GHz and SSE2 assumed");
        }
    }

    private static String field(List<String> lines, String name, String otherwise) {
        for (String line : lines) {
            if (line.startsWith(name) && line.substring(name.length()).trim().startsWith(":")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return otherwise;
    }
}
