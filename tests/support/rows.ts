/** The one row a query or a list must have: a test fails here, saying so, when it is not there. */
export function only<T>(rows: readonly T[], what = 'a row'): T {
	const [row] = rows;
	if (row === undefined) throw new Error(`Expected ${what}, found none.`);
	return row;
}
