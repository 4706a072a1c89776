//! jsonc-parser's error kinds in our words.

use super::MAX_DEPTH;
use jsonc_parser::errors::ParseErrorKind;

pub(super) fn describe(kind: &ParseErrorKind) -> String {
    use ParseErrorKind::*;
    let s = match kind {
        CommentsNotAllowed => "comments are not allowed in JSON",
        TrailingCommasNotAllowed => "trailing comma: JSON allows no comma before `}` or `]`",
        NonFiniteNumbersNotAllowed => "NaN and Infinity are not JSON numbers",
        SingleQuotedStringsNotAllowed => "strings must use double quotes",
        HexadecimalNumbersNotAllowed => "hexadecimal numbers are not JSON",
        UnaryPlusNumbersNotAllowed => "a JSON number cannot start with `+`",
        BareDecimalPointNumbersNotAllowed => "a JSON number needs digits on both sides of `.`",
        ExpectedColonAfterObjectKey => "expected `:` after the member name",
        ExpectedObjectValue => "expected a value after `:`",
        ExpectedDigit | ExpectedDigitFollowingNegativeSign | ExpectedPlusMinusOrDigitInNumberLiteral => {
            "invalid number: expected a digit"
        }
        ExpectedStringObjectProperty => "expected a member name in double quotes",
        ExpectedComma => "expected `,` between members or elements",
        MultipleRootJsonValues => "unexpected text after the JSON value",
        UnexpectedCloseBrace => "unexpected `}`",
        UnexpectedCloseBracket => "unexpected `]`",
        UnexpectedColon => "unexpected `:`",
        UnexpectedComma => "unexpected `,`",
        UnexpectedToken | UnexpectedTokenInObject => "unexpected character",
        UnexpectedWord => "unexpected word: JSON has only true, false, null, numbers, strings, arrays and objects",
        UnterminatedArray => "unterminated array: missing `]`",
        UnterminatedCommentBlock => "comments are not allowed in JSON",
        UnterminatedObject => "unterminated object: missing `}`",
        NestingDepthExceeded => return format!("nesting deeper than {MAX_DEPTH} levels"),
        String(k) => {
            use jsonc_parser::ParseStringErrorKind as S;
            match k {
                S::UnterminatedStringLiteral => "unterminated string: missing closing `\"`",
                S::ExpectedFourHexDigits => "invalid escape: `\\u` needs four hexadecimal digits",
                S::InvalidUnicodeEscapeSequence(_) => {
                    "invalid escape: a `\\u` surrogate (D800-DFFF) must be a high one followed by a low one, as in `\\ud83d\\ude00`"
                }
                _ => "invalid escape: JSON allows only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
            }
        }
        #[allow(unreachable_patterns)]
        _ => "invalid JSON",
    };
    s.to_string()
}
