package microgpt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link TrainStepBenchmark} for the three engines at four model sizes (the last the makemore
 * transformer with batches of 32 names, without the scalar engine, which takes one document a
 * step), with JMH and its GC profiler, and prints one table: time per step, bytes allocated per
 * step, the speed-up over the scalar engine (or the fast one) measured in the same run, and the
 * matrix products' GFLOP/s and percent of the machine's peak ({@link MachinePeak}).
 *
 * <p>One fork per measurement and short iterations, so the whole run takes a few minutes; the
 * scalar engine at the largest size, which takes a good fraction of a second per step, gets fewer
 * and longer iterations. {@code --quick} makes everything shorter, for a smoke test;
 * {@code --one-thread} keeps the fast engine on one thread (it shares the big loops of the larger
 * models with a second one otherwise); {@code --verbose} shows JMH's own output.
 */
public final class BenchMain {

    /** The model sizes: n_embd-n_layer-block_size (n_head 4). */
    static final List<String> CONFIGS = List.of("16-1-16", "64-2-16", "128-4-32", "64-4-16x32");
    static final List<String> ENGINES = List.of("scalar", "fast", "simd");

    /** The engines measured at a size: all but the scalar one for batches. */
    static List<String> engines(String config) {
        return TrainStepBenchmark.batchSize(config) == 1 ? ENGINES : ENGINES.subList(1, ENGINES.size());
    }

    /** One engine at one size: the median and the mean (± JMH's 99.9% error) of the iterations, and the bytes per step. */
    record Measurement(String engine, String config, double median, double mean, double error, double bytesPerStep) {}

    public static void main(String[] args) throws RunnerException {
        List<String> flags = List.of(args);
        boolean quick = flags.contains("--quick");
        boolean verbose = flags.contains("--verbose");
        boolean oneThread = flags.contains("--one-thread");
        for (String arg : args) {
            if (!List.of("--quick", "--verbose", "--one-thread").contains(arg)) {
                System.err.println("usage: java -jar bench/target/benchmarks.jar [--quick] [--one-thread] [--verbose]");
                System.exit(2);
            }
        }
        System.out.println("microgpt benchmarks: one training step (loss, gradients, Adam) of the reference run's 1,000 steps");
        System.out.println("machine: " + machine() + (oneThread ? " (fast and simd engines on one thread)" : ""));
        System.out.println(PEAK.formula());
        System.out.println();
        Map<String, Measurement> results = new LinkedHashMap<>();
        for (String config : CONFIGS) {
            for (String engine : engines(config)) {
                System.out.printf("  measuring %-6s at %-9s ...%n", engine, config);
                results.put(engine + "|" + config, measure(engine, config, quick, verbose, oneThread));
            }
        }
        System.out.println();
        printTable(results);
    }

    private static Measurement measure(String engine, String config, boolean quick, boolean verbose, boolean oneThread)
            throws RunnerException {
        boolean slow = engine.equals("scalar") && config.equals("128-4-32");
        boolean batched = TrainStepBenchmark.batchSize(config) > 1;   // tens of milliseconds a step: longer iterations
        int warmups = slow ? 2 : 4;
        int measurements = slow ? 4 : 5;
        int seconds = slow ? 3 : batched ? 2 : 1;
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(TrainStepBenchmark.class.getName() + ".trainStep")
                .param("engine", engine)
                .param("config", config)
                .forks(1)
                .warmupIterations(quick ? Math.max(1, warmups / 2) : warmups)
                .measurementIterations(quick ? 3 : measurements)
                .warmupTime(TimeValue.milliseconds(quick ? 500L * seconds : 1000L * seconds))
                .measurementTime(TimeValue.milliseconds(quick ? 500L * seconds : 1000L * seconds))
                .jvmArgsAppend("-Xms1g", "-Xmx4g", oneThread ? "-Dmicrogpt.threads=1" : "-Dmicrogpt.threads=auto",
                        "--add-modules", "jdk.incubator.vector")   // the simd engine's Vector API
                .addProfiler(GCProfiler.class)
                .verbosity(verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
        RunResult run = new Runner(options.build()).runSingle();
        Result<?> time = run.getPrimaryResult();
        double bytes = Double.NaN;
        for (Map.Entry<String, Result> secondary : run.getSecondaryResults().entrySet()) {
            if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                bytes = secondary.getValue().getScore();
            }
        }
        List<Double> iterations = new ArrayList<>();
        for (BenchmarkResult result : run.getBenchmarkResults()) {
            for (IterationResult iteration : result.getIterationResults()) {
                iterations.add(iteration.getPrimaryResult().getScore());
            }
        }
        Collections.sort(iterations);
        int k = iterations.size();
        double median = k % 2 == 1 ? iterations.get(k / 2) : (iterations.get(k / 2 - 1) + iterations.get(k / 2)) / 2;
        return new Measurement(engine, config, median, time.getScore(), time.getScoreError(), bytes);
    }

    /**
     * The table. The time is the median of the measured iterations (on a shared machine a few
     * iterations can be slowed down by other work, and the median ignores them), with JMH's mean
     * and its 99.9% error beside it; the speed-up compares the medians.
     */
    private static void printTable(Map<String, Measurement> results) {
        String format = "%-7s %-26s %9s %12s %22s %14s %9s %8s %7s%n";
        System.out.printf(format, "engine", "n_embd, n_layer, block", "params", "ms/step", "(JMH mean ± error)", "bytes/step", "speed-up",
                "GFLOP/s", "% peak");
        System.out.println("-".repeat(124));
        for (String config : CONFIGS) {
            List<String> engines = engines(config);
            Measurement base = results.get(engines.get(0) + "|" + config);
            double flops = MatrixFlops.perStep(config);
            for (String engine : engines) {
                Measurement m = results.get(engine + "|" + config);
                double gigaflops = flops / (m.median() * 1e6);
                System.out.printf(format, engine, shapeName(config), String.format(Locale.ROOT, "%,d", parameters(config)),
                        String.format(Locale.ROOT, "%.4f", m.median()),
                        String.format(Locale.ROOT, "(%.4f ± %.4f)", m.mean(), m.error()),
                        String.format(Locale.ROOT, "%,.0f", m.bytesPerStep()),
                        String.format(Locale.ROOT, "%.1f×", base.median() / m.median()),
                        String.format(Locale.ROOT, "%.2f", gigaflops),
                        String.format(Locale.ROOT, "%.1f%%", 100 * gigaflops / PEAK.gigaflops(PEAK.cores())));
            }
        }
        System.out.println();
        System.out.println("speed-up: over the first engine of the size (scalar; fast for batches). GFLOP/s: the matrix products'"
                + " FLOPs of a step (" + MatrixFlops.FORMULA + ") over its time; % peak: of the whole machine's peak above.");
        Measurement fast = results.get("fast|16-1-16");
        System.out.println();
        System.out.printf(Locale.ROOT, "the default run's 1,000 steps with the fast engine, after warm-up: %.3f s%n", fast.median());
    }

    /** "64, 4, 16" and ", batch 32" for a batched config. */
    static String shapeName(String config) {
        int batch = TrainStepBenchmark.batchSize(config);
        return config.split("x")[0].replace("-", ", ") + (batch == 1 ? "" : ", batch " + batch);
    }

    static final MachinePeak PEAK = MachinePeak.ofThisMachine();

    /** The weights of a model of this shape on the 27-token names vocabulary. */
    static int parameters(String config) {
        return TrainStepBenchmark.shape(config, 27).parameterCount();
    }

    /** The CPU, the cores and the JVM, for the record. */
    static String machine() {
        String cpu = System.getProperty("os.arch");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture will do
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }
}
