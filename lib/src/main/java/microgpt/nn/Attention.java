package microgpt.nn;

import java.util.ArrayList;
import java.util.List;
import microgpt.autograd.Value;

/** Causal multi-head self-attention, on {@link Value}s, as the reference computes it. */
public final class Attention {

    private Attention() {}

    /**
     * One head: score each cached position by dot(q, k_t)/sqrt(d), turn the scores into weights
     * with softmax, and return the weighted sum of the cached values.
     */
    public static List<Value> head(List<Value> q, List<List<Value>> keys, List<List<Value>> values) {
        List<Value> weights = Ops.softmax(scores(q, keys));
        int headDim = q.size();
        List<Value> out = new ArrayList<>(headDim);
        for (int j = 0; j < headDim; j++) {
            List<Value> column = new ArrayList<>(values.size());
            for (List<Value> v : values) {
                column.add(v.get(j));
            }
            out.add(Value.dot(weights, column));  // Σ_t weights[t]·v_t[j]
        }
        return out;
    }

    /** The scaled scores of one head: dot(q, k_t)/sqrt(d) for every cached position t. */
    public static List<Value> scores(List<Value> q, List<List<Value>> keys) {
        double scale = Math.pow(q.size(), 0.5);
        List<Value> scores = new ArrayList<>(keys.size());
        for (List<Value> k : keys) {
            scores.add(Value.dot(q, k).div(scale));
        }
        return scores;
    }

    /** The attention weights of one head, as plain numbers (for plotting). */
    public static double[] weights(List<Value> q, List<List<Value>> keys) {
        return Ops.softmax(scores(q, keys)).stream().mapToDouble(v -> v.data).toArray();
    }

    /**
     * All heads: each head attends with its own slice [h·d, (h+1)·d) of q and of the cached keys
     * and values; the head outputs are concatenated back to full width.
     */
    public static List<Value> multiHead(List<Value> q, List<List<Value>> keys, List<List<Value>> values, int nHead) {
        int headDim = q.size() / nHead;
        List<Value> out = new ArrayList<>(q.size());
        for (int h = 0; h < nHead; h++) {
            int from = h * headDim;
            int to = from + headDim;
            out.addAll(head(q.subList(from, to), slices(keys, from, to), slices(values, from, to)));
        }
        return out;
    }

    private static List<List<Value>> slices(List<List<Value>> vectors, int from, int to) {
        List<List<Value>> out = new ArrayList<>(vectors.size());
        for (List<Value> v : vectors) {
            out.add(v.subList(from, to));
        }
        return out;
    }
}
