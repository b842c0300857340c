import Link from "next/link";

export default function WebsiteNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h1 className="text-xl font-semibold">Website not found</h1>
      <p className="mt-2 text-sm text-slate-600">It may have been removed, or the link is wrong.</p>
      <Link href="/websites" className="mt-4 inline-block text-indigo-700 underline">
        Back to websites
      </Link>
    </div>
  );
}
