export { toDot, dotQuote, type DotOptions } from './to-dot';
