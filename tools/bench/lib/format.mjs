// The generated documents go through the repository's Prettier settings, so `nx format:check`
// in CI accepts them exactly as written. Without Prettier installed they are written as is.
export async function prettierFormat(text, filepath) {
  let prettier;
  try {
    prettier = await import('prettier');
  } catch {
    return text;
  }
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(text, { ...options, filepath });
}
