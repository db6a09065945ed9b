package microgpt.web;

/** Just enough JSON for the playground's answers: numbers, strings and nested arrays of them. */
final class Json {

    private final StringBuilder out = new StringBuilder();

    /** Appends {@code "name":} after a comma when needed; the caller opened the object. */
    Json key(String name) {
        comma();
        quote(name);
        out.append(':');
        return this;
    }

    Json open(char bracket) {
        comma();
        out.append(bracket);
        return this;
    }

    Json close(char bracket) {
        out.append(bracket);
        return this;
    }

    Json number(double value) {
        comma();
        out.append(Double.isFinite(value) ? Double.toString(value) : "null"); // JSON has no NaN
        return this;
    }

    Json number(long value) {
        comma();
        out.append(value);
        return this;
    }

    Json string(String value) {
        comma();
        quote(value);
        return this;
    }

    private void quote(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                String hex = Integer.toHexString(c);
                out.append("\\u").append("0000", hex.length(), 4).append(hex);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    Json numbers(double[] values) {
        open('[');
        for (double v : values) {
            number(v);
        }
        return close(']');
    }

    /** A comma before a value that follows another in the same array or object. */
    private void comma() {
        if (out.length() == 0) {
            return;
        }
        char last = out.charAt(out.length() - 1);
        if (last != '[' && last != '{' && last != ':') {
            out.append(',');
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
