package org.integr8scode.resultprocessor.result;

/**
 * Cuts stdout and stderr to fit a budget of UTF-8 bytes together, keeping the end of each stream (where the
 * error usually is) and never splitting a character. Sharing: a stream that needs less than half the budget
 * keeps all of it and the other stream gets the rest; when both need more, each gets half.
 */
public final class OutputBudget {

    private final long budgetBytes;

    public OutputBudget(long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("the output budget must be 0 or more bytes, not " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
    }

    public record FittedOutput(String stdout, String stderr, boolean truncated) {
    }

    public FittedOutput fit(String stdout, String stderr) {
        long outBytes = utf8Length(stdout);
        long errBytes = utf8Length(stderr);
        if (outBytes + errBytes <= budgetBytes) {
            return new FittedOutput(stdout, stderr, false);
        }
        long half = budgetBytes / 2;
        long outShare;
        long errShare;
        if (outBytes <= half) {
            outShare = outBytes;
            errShare = budgetBytes - outBytes;
        } else if (errBytes <= half) {
            errShare = errBytes;
            outShare = budgetBytes - errBytes;
        } else {
            errShare = half;
            outShare = budgetBytes - half;
        }
        return new FittedOutput(keepTail(stdout, outShare), keepTail(stderr, errShare), true);
    }

    /** The UTF-8 length of a string, counted without encoding it (a lone surrogate encodes as one byte). */
    public static long utf8Length(String text) {
        long bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The longest end of {@code text} whose UTF-8 length is at most {@code maxBytes}, cut between code points. */
    static String keepTail(String text, long maxBytes) {
        long kept = 0;
        int start = text.length();
        while (start > 0) {
            int codePoint = text.codePointBefore(start);
            int bytes = utf8Width(codePoint);
            if (kept + bytes > maxBytes) {
                break;
            }
            kept += bytes;
            start -= Character.charCount(codePoint);
        }
        return text.substring(start);
    }

    private static int utf8Width(int codePoint) {
        if (codePoint < 0x80 || Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
