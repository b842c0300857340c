// next-auth configuration: Credentials against the users table, JWT sessions that
// carry the user's organization and role (checked again on every request server-side).
import { setting } from "@/lib/config";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { checkCredentials } from "./sign-in";
import { switchedOrganization } from "./switch-org";

export const SESSION_MAX_AGE_SECONDS = setting("SESSION_MAX_AGE_SECONDS");

export const authOptions: NextAuthOptions = {
  secret: setting("NEXTAUTH_SECRET"),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, orgId: { label: "Organization", type: "text" } },
      async authorize(credentials) {
        const email = credentials?.email;
        const password = credentials?.password;
        if (!email || !password || email.length > 320 || password.length > 1024) return null;
        // Throttles are checked before this runs (app/api/auth/[...nextauth]/route.ts).
        const orgId = typeof credentials?.orgId === "string" && credentials.orgId.length <= 64 ? credentials.orgId : undefined;
        return checkCredentials(email, password, orgId);
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      // The header's switcher: the session moves to another organization only if the user belongs to it.
      if (trigger === "update" && typeof token.userId === "string") {
        const switched = await switchedOrganization(token.userId, session);
        if (switched) Object.assign(token, switched);
      }
      if (user) {
        const u = user as { id: string; orgId?: string; role?: string };
        token.userId = u.id;
        token.orgId = u.orgId;
        token.role = u.role;
      }
      return token;
    },
    async session({ session, token }) {
      return {
        ...session,
        user: { ...session.user, id: token.userId, orgId: token.orgId, role: token.role },
      };
    },
  },
};
