"use client";
import { signOut } from "next-auth/react";
import { buttonSmall } from "./styles";

export function SignOutButton() {
  return (
    <button type="button" className={buttonSmall} onClick={() => signOut({ callbackUrl: "/login" })}>
      Sign out
    </button>
  );
}
