package microgpt.nn;

import java.util.ArrayList;
import java.util.List;
import microgpt.autograd.Value;

/**
 * The keys and values of every earlier position of the current document, one list per layer.
 * Attention at position p reads only what is here, positions 0..p: that is what makes the model
 * causal. Start a new cache for every document.
 */
public final class KvCache {

    private final List<List<List<Value>>> keys = new ArrayList<>();
    private final List<List<List<Value>>> values = new ArrayList<>();

    public KvCache(int nLayer) {
        for (int i = 0; i < nLayer; i++) {
            keys.add(new ArrayList<>());
            values.add(new ArrayList<>());
        }
    }

    /** Appends this position's key and value vectors to the given layer. */
    public void append(int layer, List<Value> key, List<Value> value) {
        keys.get(layer).add(key);
        values.get(layer).add(value);
    }

    /** The key vectors of the given layer, one per position so far. */
    public List<List<Value>> keys(int layer) {
        return keys.get(layer);
    }

    /** The value vectors of the given layer, one per position so far. */
    public List<List<Value>> values(int layer) {
        return values.get(layer);
    }

    /** How many positions the cache holds. */
    public int length() {
        return keys.get(0).size();
    }
}
