/** A catalogue's shape: the same keys as `T`, any strings (what a translation must provide). */
export type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
