package com.opstower.raindrop.trace.focus;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.CharBuffer;

/**
 * What a search looks for in a span's text, ignoring case: plain text, or a regular expression on RE2/J, which runs
 * in time linear in the text whatever the pattern, since an agent can send any. Both find matches in a slice of a
 * parser's buffer, without a string of it.
 */
public sealed interface SearchPattern {

    /**
     * The next match in {@code chars[from, end)}, as {@code {start, end}}, or null when there is none.
     *
     * @param offset where the text starts, for patterns that anchor to it
     */
    int[] find(char[] chars, int offset, int from, int end);

    /**
     * Plain text: a scan for the characters its first one folds with, then a comparison, both folding case as
     * {@code String.equalsIgnoreCase} does.
     *
     * @param upper the folded text in upper case: with {@code folded}, all that ASCII text can match
     * @param firstForms every character that folds to the first one: its cases, and the rare others (the Kelvin sign
     *        for {@code k}), found once so that the scan folds nothing
     */
    record Text(char[] folded, char[] upper, char[] firstForms) implements SearchPattern {

        static Text of(String text) {
            char[] folded = text.toCharArray();
            char[] upper = new char[folded.length];
            for (int i = 0; i < folded.length; i++) {
                folded[i] = fold(folded[i]);
                upper[i] = Character.toUpperCase(folded[i]);
            }
            StringBuilder forms = new StringBuilder(4);
            for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
                if (fold((char) c) == folded[0]) {
                    forms.append((char) c);
                }
            }
            return new Text(folded, upper, forms.toString().toCharArray());
        }

        @Override
        public int[] find(char[] chars, int offset, int from, int end) {
            // One or two forms for all but a few characters: those two are compared inline, any others looked up.
            char one = firstForms[0];
            char other = firstForms[firstForms.length - 1];
            boolean more = firstForms.length > 2;
            int last = end - folded.length;
            for (int i = from; i <= last; i++) {
                char c = chars[i];
                // Non-short-circuit: one branch per character for the common case.
                if ((c == one | c == other || more && isFirstForm(c)) && matchesAt(chars, i)) {
                    return new int[] {i, i + folded.length};
                }
            }
            return null;
        }

        private boolean isFirstForm(char c) {
            for (char form : firstForms) {
                if (c == form) {
                    return true;
                }
            }
            return false;
        }

        private boolean matchesAt(char[] chars, int at) {
            for (int j = 1; j < folded.length; j++) {
                char c = chars[at + j];
                // An ASCII character folds to another only between its cases.
                if (c != folded[j] && c != upper[j] && (c < 0x80 || fold(c) != folded[j])) {
                    return false;
                }
            }
            return true;
        }

        /** One case for each pair {@code String.equalsIgnoreCase} holds equal. */
        private static char fold(char c) {
            return Character.toLowerCase(Character.toUpperCase(c));
        }
    }

    /** A regular expression, matched case-insensitively. */
    record Regex(Pattern pattern) implements SearchPattern {

        @Override
        public int[] find(char[] chars, int offset, int from, int end) {
            Matcher matcher = pattern.matcher(CharBuffer.wrap(chars, offset, end - offset));
            if (!matcher.find(from - offset)) {
                return null;
            }
            return new int[] {offset + matcher.start(), offset + matcher.end()};
        }
    }
}
