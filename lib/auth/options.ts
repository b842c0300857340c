// next-auth configuration: Credentials against the users table, JWT sessions that
// carry the user's organization and role (checked again on every request server-side).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { verifyPassword } from "./passwords";

export const SESSION_MAX_AGE_SECONDS = Number(process.env.SESSION_MAX_AGE_SECONDS ?? 8 * 60 * 60);

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const email = credentials?.email?.trim().toLowerCase();
        const password = credentials?.password;
        if (!email || !password) return null;
        const user = await db().user.findUnique({ where: { email }, include: { memberships: true } });
        if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
        const membership = [...user.memberships].sort((a, b) => (a.role === "admin" ? -1 : b.role === "admin" ? 1 : 0))[0];
        if (!membership) return null;
        return { id: user.id, email: user.email, name: user.name ?? user.email, orgId: membership.orgId, role: membership.role };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
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
