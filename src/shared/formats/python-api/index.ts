export { toPythonScript, type PythonScriptOptions } from './to-python-script';
