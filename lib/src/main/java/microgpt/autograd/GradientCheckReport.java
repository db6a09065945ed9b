package microgpt.autograd;

import java.util.List;

/**
 * The result of a gradient check: for each checked parameter, the gradient that backpropagation
 * computed, the one that central differences measured, and their relative error.
 *
 * @param entries   one row per checked parameter, in the order they were checked
 * @param tolerance the largest relative error that still counts as a pass
 */
public record GradientCheckReport(List<Entry> entries, double tolerance) {

    /** One checked parameter. */
    public record Entry(String name, double analytical, double numerical, double relativeError) {}

    public GradientCheckReport {
        entries = List.copyOf(entries);
    }

    /** True when every entry's relative error is within the tolerance. */
    public boolean passed() {
        return entries.stream().allMatch(this::passed);
    }

    /** True when this entry's relative error is within the tolerance. */
    public boolean passed(Entry entry) {
        return entry.relativeError() <= tolerance;
    }

    /** The largest relative error in the report (0 for an empty report). */
    public double maxRelativeError() {
        return entries.stream().mapToDouble(Entry::relativeError).max().orElse(0);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(String.format("gradient check: %s (%d parameters, max relative error %.2e, tolerance %.0e)%n",
                passed() ? "PASS" : "FAIL", entries.size(), maxRelativeError(), tolerance));
        out.append(String.format("%-24s %15s %15s %10s%n", "parameter", "analytical", "numerical", "rel. error"));
        for (Entry e : entries) {
            out.append(String.format("%-24s %15.8e %15.8e %10.2e%s%n", e.name(), e.analytical(), e.numerical(),
                    e.relativeError(), passed(e) ? "" : "  FAIL"));
        }
        return out.toString();
    }
}
