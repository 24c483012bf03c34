import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as WasmPackage from '@prisma/schema-engine-wasm';
import type { SchemaContainer, SchemaEngine } from '@prisma/schema-engine-wasm';
import { SchemaEngineAdapterFactory } from './engine-adapter-factory';

type Bindings = typeof WasmPackage & { __wbg_set_wasm(exports: WasmExports): void };

// The project's `lib` (ES2023, no DOM) and @types/node 20 do not declare WebAssembly; this is what is used.
type WasmExports = Record<string, unknown>;
type WasmModule = object;
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: Record<string, object>): Promise<{ exports: WasmExports }>;
  RuntimeError: new () => Error;
};

/** The name the `.wasm` module imports its JavaScript glue under. */
const GLUE_MODULE = './schema_engine_bg.js';

let compiledModule: Promise<WasmModule> | undefined;
let lastPanicMessage: string | undefined;

/**
 * Opens the WASM schema engine on `databaseUrl`, runs `work` with it, and always releases it and every
 * connection it opened. `log` receives the engine's own log messages.
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  schemaFiles: SchemaContainer[],
  log: (message: string) => void,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const factory = new SchemaEngineAdapterFactory(databaseUrl);
  try {
    const { SchemaEngine } = await loadBindings();
    const datamodels = schemaFiles.map((file): [string, string] => [file.path, file.content]);
    const engine = await SchemaEngine.new(
      { datamodels },
      engineLogForwarder(log),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    throw withPanicMessage(error);
  } finally {
    await factory.close();
  }
}

/**
 * The package's entry point imports its `.wasm` file as an ES module, which Node 20 cannot do, and Jest
 * on Node 20 cannot load ES modules at all. Its `_bg.js` glue is only functions and a class, with no
 * imports, so it is evaluated here as a function body with the `export` keywords removed, then wired to
 * the instance as the entry point would. A fresh glue and instance per engine means a Rust panic (which
 * leaves the instance unusable) cannot break the next call; the compiled module is shared.
 */
async function loadBindings(): Promise<Bindings> {
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
  compiledModule ??= readFile(path.join(dir, 'schema_engine_bg.wasm')).then((bytes) => WebAssembly.compile(bytes));
  const compiled = await compiledModule.catch((error) => {
    compiledModule = undefined; // let the next call retry
    throw error;
  });
  const glue = evaluateGlue(await readFile(path.join(dir, 'schema_engine_bg.js'), 'utf8'));
  const imports = { [GLUE_MODULE]: glue };
  const instance = await WebAssembly.instantiate(compiled, imports);
  glue.__wbg_set_wasm(instance.exports);
  installPanicRegistry();
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

function evaluateGlue(source: string): Bindings {
  const unexpected = /^export (?!function |class )/m.exec(source);
  if (unexpected) throw new Error('@prisma/schema-engine-wasm: unexpected export form in schema_engine_bg.js');
  const names = [...source.matchAll(/^export (?:function|class) (\w+)/gm)].map((match) => match[1]);
  const body = `'use strict';\n${source.replace(/^export (function|class) /gm, '$1 ')}\nreturn { ${names.join(', ')} };`;
  return new Function('setTimeout', body)(unrefSetTimeout) as Bindings;
}

/**
 * The engine arms 10-second timers (timeouts around its queries) and, having no clearTimeout, leaves them
 * running after the work is done; they would keep a finished process alive for 10 s. While the engine is
 * working its open connections keep the process alive anyway.
 */
function unrefSetTimeout(callback: () => void, ms: number): NodeJS.Timeout {
  const timer = setTimeout(callback, ms);
  timer.unref?.(); // absent from some fake timers
  return timer;
}

/** The engine's Rust panic hook reports through this global; without it the message is lost. */
function installPanicRegistry(): void {
  const host = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  host.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => (lastPanicMessage = message) };
}

function withPanicMessage(error: unknown): unknown {
  if (!(error instanceof WebAssembly.RuntimeError) || !lastPanicMessage) return error;
  return new Error(`Schema engine panicked: ${lastPanicMessage}`, { cause: error });
}

/** Engine log lines are JSON (`{ level, fields: { message, ... } }`); only the message is worth showing. */
function engineLogForwarder(log: (message: string) => void): (line: string) => void {
  return (line) => {
    try {
      const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } };
      if (entry.fields?.message) log(`schema engine ${entry.level ?? ''}: ${entry.fields.message}`);
    } catch {
      log(`schema engine: ${line}`);
    }
  };
}
