// Shared Tailwind class strings (kept here rather than in globals.css so the look of
// form controls is defined once, next to the components that use it).
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-600/30 disabled:bg-slate-100";
export const selectClass = `${inputClass} pr-8`;
const buttonBase =
  "inline-flex items-center justify-center gap-1 rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60";
export const buttonPrimary = `${buttonBase} bg-indigo-600 text-white hover:bg-indigo-700`;
export const buttonSecondary = `${buttonBase} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;
export const buttonDanger = `${buttonBase} bg-red-700 text-white hover:bg-red-800`;
export const buttonSmall =
  "inline-flex items-center rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 disabled:opacity-60";
export const cardClass = "rounded-lg border border-slate-200 bg-white shadow-sm";
export const labelClass = "mb-1 block text-sm font-medium text-slate-700";
