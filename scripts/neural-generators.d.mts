/** Folder names under src/generators whose info declares `neural: true`. */
export function neuralGenerators(root?: string): string[];
/** Globs of the neural generators' folders, e.g. `src/generators/<id>/**`. */
export function neuralGeneratorGlobs(root?: string): string[];
