package microgpt.data;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import microgpt.InvalidInputException;

/**
 * Characters to token ids and back. The distinct characters of the data, sorted, get ids
 * 0..n−1; one extra token, BOS (beginning of sequence), gets id n. A document is encoded as
 * BOS, its characters, BOS: the model learns both how names start and where they end.
 */
public final class Tokenizer {

    private final int[] chars; // sorted Unicode code points; a token id is an index here

    /** A tokenizer over exactly these characters (code points), in sorted order. */
    public Tokenizer(int[] codePoints) {
        int[] sorted = codePoints.clone();
        Arrays.sort(sorted);
        for (int c : sorted) {
            if (!Character.isValidCodePoint(c)) {
                throw new InvalidInputException("the vocabulary lists " + c + ", which is not a Unicode code point (valid: 0 to 0x"
                        + Integer.toHexString(Character.MAX_CODE_POINT).toUpperCase() + "); build it with Tokenizer.fit from the documents");
            }
        }
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new InvalidInputException("the vocabulary lists the character " + describe(sorted[i]) + " twice");
            }
        }
        if (sorted.length == 0) {
            throw new InvalidInputException("a tokenizer needs at least one character");
        }
        this.chars = sorted;
    }

    /** The tokenizer for a set of documents: every distinct character they use. */
    public static Tokenizer fit(List<String> documents) {
        TreeSet<Integer> set = new TreeSet<>();
        for (String doc : documents) {
            doc.codePoints().forEach(set::add);
        }
        if (set.isEmpty()) {
            throw new InvalidInputException("cannot build a vocabulary: the documents contain no characters");
        }
        return new Tokenizer(set.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The id of BOS, the token that starts and ends every document. */
    public int bos() {
        return chars.length;
    }

    /** How many token ids there are, BOS included. */
    public int vocabSize() {
        return chars.length + 1;
    }

    /** The characters (as code points) of the vocabulary, in id order. */
    public int[] codePoints() {
        return chars.clone();
    }

    /** The id of one character. */
    public int id(int codePoint) {
        int id = Arrays.binarySearch(chars, codePoint);
        if (id < 0) {
            throw new InvalidInputException("the character " + describe(codePoint) + " is not in the model's vocabulary "
                    + vocabularyString() + "; remove it from the input or train a model on data that contains it");
        }
        return id;
    }

    /** BOS, the ids of the document's characters, BOS. */
    public int[] encode(String document) {
        int[] codePoints = document.codePoints().toArray();
        int[] tokens = new int[codePoints.length + 2];
        tokens[0] = bos();
        for (int i = 0; i < codePoints.length; i++) {
            try {
                tokens[i + 1] = id(codePoints[i]);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("in \"" + document + "\" at character " + (i + 1) + ": " + e.getMessage());
            }
        }
        tokens[tokens.length - 1] = bos();
        return tokens;
    }

    /** The text of a sequence of ids; BOS tokens are left out. */
    public String decode(int[] tokens) {
        StringBuilder out = new StringBuilder();
        for (int t : tokens) {
            if (t == bos()) {
                continue;
            }
            requireId(t);
            out.appendCodePoint(chars[t]);
        }
        return out.toString();
    }

    /** A readable name for a token id: its character, or {@code <BOS>}. */
    public String tokenName(int id) {
        requireId(id);
        return id == bos() ? "<BOS>" : new String(Character.toChars(chars[id]));
    }

    private void requireId(int id) {
        if (id < 0 || id > bos()) {
            throw new InvalidInputException("token id " + id + " is outside the vocabulary [0, " + vocabSize()
                    + "); ids come from this tokenizer's encode(), with BOS = " + bos());
        }
    }

    /** The vocabulary as one string, for messages, e.g. {@code "abc…z"}. */
    public String vocabularyString() {
        StringBuilder out = new StringBuilder("\"");
        for (int c : chars) {
            out.appendCodePoint(c);
        }
        return out.append('"').toString();
    }

    private static String describe(int codePoint) {
        return String.format("'%s' (U+%04X)", new String(Character.toChars(codePoint)), codePoint);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tokenizer other && Arrays.equals(chars, other.chars);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chars);
    }

    @Override
    public String toString() {
        return "Tokenizer[" + vocabSize() + " tokens: " + vocabularyString() + " + <BOS>]";
    }
}
